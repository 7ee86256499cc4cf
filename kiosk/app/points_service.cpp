#include "app/points_service.h"

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/catalog.h"
#include "core/text.h"
#include "core/text_limits.h"

namespace vsk::app {
namespace {

using core::Message;

// A reason or note: characters, not bytes, so 200 typed Chinese characters fit (core/text_limits.h).
bool bad_text(const std::string& s) {
  return !core::displayable_text(s) || core::utf8_length(s) > core::kMaxReasonChars;
}

std::string seq_target(std::int64_t seq) { return "points:" + std::to_string(seq); }

}  // namespace

std::string points_display_text(const core::PointsRules& rules, store::KioskStore& store) {
  std::string out;
  for (const auto& r : rules.rules) out += r.name_zh + r.name_en;
  for (const auto& c : rules.categories) out += c.name_zh + c.name_en;
  for (const auto& g : store.points().goods()) out += g.name_zh + g.name_en;
  return out;
}

std::int64_t PointsService::append_entry(db::Transaction& tx, const store::NewPointsEntry& e) {
  const std::int64_t seq = store_.points().append(tx, e);
  // Ledger entries go to the township like any other record (issue 5): in this transaction.
  nlohmann::json p{{"seq", seq},           {"household_id", e.household_id}, {"rule_id", e.rule_id},
                   {"kind", core::points_kind_name(e.kind)}, {"delta", e.delta}, {"reason", e.reason},
                   {"at", e.at},            {"needs_approval", e.needs_approval}};
  if (e.resident_id) p["resident_id"] = *e.resident_id;
  if (e.reverses) p["reverses"] = *e.reverses;
  store_.sync().enqueue(tx, "points.entry", p.dump(), e.at);
  return seq;
}

PointsService::PointsService(store::KioskStore& store, const core::PointsRules& rules, platform::Clock& clock,
                             platform::Random& random)
    : store_(store), rules_(rules), clock_(clock), random_(random) {}

core::PointsPolicy PointsService::policy() {
  core::PointsPolicy p;
  p.notice_days = static_cast<int>(store_.settings().get_int_or(points_setting::kNoticeDays, p.notice_days));
  p.approval_threshold = store_.settings().get_int_or(points_setting::kApprovalThreshold, p.approval_threshold);
  return p;
}

bool PointsService::black_board_enabled() { return store_.settings().get_or(points_setting::kBlackBoard, "0") == "1"; }

core::PointsState PointsService::state_of(const store::PointsEntryView& v) {
  return core::points_state(v.facts, now(), policy());
}

bool PointsService::may(std::int64_t staff_id, core::Permission p) {
  const auto s = store_.staff().find(staff_id);
  if (!s) return false;
  const auto role = core::role_from_name(s->role);
  return role && core::allowed(core::Actor{*role, s->id, s->grid_id}, p);
}

std::pair<std::int64_t, std::int64_t> PointsService::month_bounds(std::int64_t unix_seconds) {
  const core::Date d = core::date_of(unix_seconds);
  const core::Date first{d.year, d.month, 1};
  const core::Date next = d.month == 12 ? core::Date{d.year + 1, 1, 1} : core::Date{d.year, d.month + 1, 1};
  return {core::china_unix(first), core::china_unix(next)};
}

void PointsService::settle() {
  if (!store_.points().has_due(now())) return;
  auto tx = store_.begin();
  store_.points().settle(tx, now());
  tx.commit();
}

std::int64_t PointsService::spendable_in(db::Transaction&, std::int64_t household_id) {
  std::int64_t points = store_.points().household_standing(household_id).balance.final_points;
  for (const auto& v : store_.points().unsettled_for(household_id))
    if (v.entry.delta < 0) points += v.entry.delta;
  return points;
}

std::int64_t PointsService::spendable(std::int64_t household_id) {
  settle();
  auto tx = store_.begin();
  return spendable_in(tx, household_id);
}

core::Result<std::int64_t> PointsService::award_in(db::Transaction& tx, const AwardInput& in) {
  const core::PointsRule* rule = rules_.find(in.rule_id);
  if (!rule) return Message("points.err.unknown_rule");
  if (bad_text(in.reason) || bad_text(in.evidence)) return Message("points.err.bad_text");
  std::int64_t household = 0;
  std::optional<std::int64_t> resident;
  if (in.resident_id) {
    const auto r = store_.residents().find(*in.resident_id);
    if (!r) return Message("points.err.unknown_resident");
    household = r->household_id;
    if (rule->applies_to == core::PointsSubject::kPerson) resident = r->id;
  } else if (in.household_id && rule->applies_to == core::PointsSubject::kHousehold) {
    household = *in.household_id;
    if (store_.points().household_standing(household).grid_id == 0) return Message("points.err.unknown_household");
  } else {
    return Message(rule->applies_to == core::PointsSubject::kPerson ? "points.err.person_rule"
                                                                   : "points.err.unknown_household");
  }
  const std::int64_t t = now();
  if (rule->max_per_month > 0) {
    const auto [from, to] = month_bounds(t);
    if (store_.points().rule_count(household, resident, rule->id, from, to) >= rule->max_per_month)
      return Message("points.err.monthly_limit").arg("n", std::to_string(rule->max_per_month));
  }
  const core::PointsPolicy p = policy();
  store::NewPointsEntry e;
  e.at = t;
  e.household_id = household;
  e.resident_id = resident;
  e.rule_id = rule->id;
  e.kind = core::PointsKind::kRule;
  e.delta = rule->points;
  e.reason = in.reason;
  e.evidence = in.evidence.empty() ? rule->evidence : in.evidence;
  e.staff_id = in.staff_id;
  e.needs_approval = (e.delta < 0 ? -e.delta : e.delta) >= p.approval_threshold;
  if (!e.needs_approval) e.due_at = t + static_cast<std::int64_t>(p.notice_days) * 86400;
  const std::int64_t seq = append_entry(tx, e);
  store_.audit().append(tx, {t, in.staff_id, "", e.delta >= 0 ? "points.award" : "points.deduct", seq_target(seq),
                             "rule:" + rule->id + "; delta:" + std::to_string(e.delta) + "; household:" +
                                 std::to_string(household) + (e.needs_approval ? "; needs_approval" : "")});
  return seq;
}

core::Result<std::int64_t> PointsService::award(const AwardInput& in) {
  if (!may(in.staff_id, core::Permission::kEnterPoints)) return Message("points.err.not_permitted");
  auto tx = store_.begin();
  auto r = award_in(tx, in);
  if (r) tx.commit();
  return r;
}

core::Status PointsService::decide_approval(std::int64_t staff_id, std::int64_t seq, bool approve,
                                            const std::string& reason) {
  if (!may(staff_id, core::Permission::kApprovePoints)) return Message("points.err.not_permitted");
  if (bad_text(reason)) return Message("points.err.bad_text");
  auto tx = store_.begin();
  const auto v = store_.points().entry(seq);
  if (!v || state_of(*v) != core::PointsState::kPendingApproval) return Message("points.err.not_pending_approval");
  // The second pair of eyes must be someone else than who entered it.
  if (v->entry.staff_id == staff_id) return Message("points.err.same_staff");
  const std::int64_t t = now();
  store_.points().add_approval(tx, seq, approve, staff_id, reason, t);
  if (approve) {
    store_.points().set_due(tx, seq, t + static_cast<std::int64_t>(policy().notice_days) * 86400);
  } else {
    store::NewPointsEntry rev;
    rev.at = t;
    rev.household_id = v->entry.household_id;
    rev.resident_id = v->entry.resident_id;
    rev.rule_id = v->entry.rule_id;
    rev.kind = core::PointsKind::kReversal;
    rev.delta = -v->entry.delta;
    rev.reverses = seq;
    rev.reason = "approval_refused";
    rev.staff_id = staff_id;
    rev.final_now = true;
    append_entry(tx, rev);
    store_.points().finalize(tx, seq);
  }
  store_.audit().append(tx, {t, staff_id, "", approve ? "points.approve" : "points.refuse", seq_target(seq), reason});
  tx.commit();
  return core::ok();
}

core::Result<std::int64_t> PointsService::object(std::int64_t resident_id, std::int64_t seq, const std::string& reason) {
  if (reason.empty()) return Message("points.err.reason_needed");
  if (bad_text(reason)) return Message("points.err.bad_text");
  settle();
  auto tx = store_.begin();
  if (!store_.residents().find(resident_id)) return Message("points.err.unknown_resident");
  const auto v = store_.points().entry(seq);
  if (!v) return Message("points.err.not_in_notice");
  const core::PointsState s = state_of(*v);
  const auto ends = core::notice_ends(v->facts, policy());
  const bool in_notice = s == core::PointsState::kInNotice ||
                         (s == core::PointsState::kObjected && ends && now() < *ends);
  if (!in_notice) return Message("points.err.not_in_notice");
  for (const auto& o : store_.points().objections_of(seq))
    if (o.resident_id == resident_id && !o.outcome) return Message("points.err.already_objected");
  const std::int64_t id = store_.points().add_objection(tx, seq, resident_id, reason, now());
  store_.points().set_due(tx, seq, std::nullopt);  // held until staff resolve it
  tx.commit();
  return id;
}

core::Status PointsService::resolve(std::int64_t staff_id, std::int64_t objection_id, bool upheld,
                                    const std::string& reason) {
  if (!may(staff_id, core::Permission::kResolveObjections)) return Message("points.err.not_permitted");
  if (reason.empty()) return Message("points.err.reason_needed");
  if (bad_text(reason)) return Message("points.err.bad_text");
  auto tx = store_.begin();
  const auto o = store_.points().objection(objection_id);
  if (!o || o->outcome) return Message("points.err.objection_closed");
  const auto v = store_.points().entry(o->entry_seq);
  const std::int64_t t = now();
  std::optional<std::int64_t> reversal;
  if (upheld && !v->reversed_by) {
    store::NewPointsEntry rev;
    rev.at = t;
    rev.household_id = v->entry.household_id;
    rev.resident_id = v->entry.resident_id;
    rev.rule_id = v->entry.rule_id;
    rev.kind = core::PointsKind::kReversal;
    rev.delta = -v->entry.delta;
    rev.reverses = v->entry.seq;
    rev.reason = reason;
    rev.staff_id = staff_id;
    rev.final_now = true;
    reversal = append_entry(tx, rev);
  }
  store_.points().add_resolution(tx, objection_id, upheld, reason, staff_id, reversal, t);
  // Reversed (net zero), or no objection left open: the entry stands as decided.
  int still_open = 0;
  for (const auto& other : store_.points().objections_of(v->entry.seq))
    if (!other.outcome) ++still_open;
  if (upheld || still_open == 0) store_.points().finalize(tx, v->entry.seq);
  store_.audit().append(tx, {t, staff_id, "", upheld ? "points.objection_upheld" : "points.objection_dismissed",
                             seq_target(v->entry.seq), "objection:" + std::to_string(objection_id) + "; " + reason});
  tx.commit();
  return core::ok();
}

core::Result<std::int64_t> PointsService::declare(std::int64_t resident_id, const std::string& rule_id,
                                                  const std::string& note) {
  const core::PointsRule* rule = rules_.find(rule_id);
  if (!rule || rule->points <= 0) return Message("points.err.claim_rule");
  if (bad_text(note)) return Message("points.err.bad_text");
  const auto r = store_.residents().find(resident_id);
  if (!r) return Message("points.err.unknown_resident");
  auto tx = store_.begin();
  const std::int64_t id = store_.points().add_claim(tx, resident_id, r->household_id, rule_id, note, now());
  tx.commit();
  return id;
}

core::Status PointsService::review_claim(std::int64_t staff_id, std::int64_t claim_id, bool approve,
                                         const std::string& reason) {
  if (!may(staff_id, core::Permission::kEnterPoints)) return Message("points.err.not_permitted");
  if (bad_text(reason)) return Message("points.err.bad_text");
  auto tx = store_.begin();
  const auto c = store_.points().claim(claim_id);
  if (!c || c->decision) return Message("points.err.claim_closed");
  std::optional<std::int64_t> seq;
  if (approve) {
    AwardInput in;
    in.staff_id = staff_id;
    in.resident_id = c->resident_id;
    in.rule_id = c->rule_id;
    in.reason = c->note;
    in.evidence = "claim:" + std::to_string(claim_id);
    auto r = award_in(tx, in);
    if (!r) return r.error();
    seq = r.value();
  }
  store_.points().add_claim_review(tx, claim_id, approve, staff_id, reason, seq, now());
  store_.audit().append(tx, {now(), staff_id, "", approve ? "points.claim_approve" : "points.claim_refuse",
                             "claim:" + std::to_string(claim_id), reason});
  tx.commit();
  return core::ok();
}

core::Result<RedemptionReceipt> PointsService::reserve(std::int64_t resident_id, std::int64_t goods_id) {
  const auto r = store_.residents().find(resident_id);
  if (!r) return Message("points.err.unknown_resident");
  // BEGIN IMMEDIATE: a second kiosk connection waits here, then sees this reservation's result.
  auto tx = store_.begin();
  const std::int64_t t = now();
  store_.points().settle(tx, t);
  const auto g = store_.points().goods_item(goods_id);
  if (!g) return Message("points.err.unknown_goods");
  if (g->stock <= 0) return Message("points.err.out_of_stock");
  const std::int64_t have = spendable_in(tx, r->household_id);
  if (have < g->price)
    return Message("points.err.not_enough_points").arg("need", std::to_string(g->price)).arg("have", std::to_string(have));
  std::string code;
  do {
    code = "DH";
    for (int i = 0; i < 6; ++i) code += static_cast<char>('0' + random_.uniform(10));
  } while (store_.points().redemption_by_code(code));
  store::NewPointsEntry e;
  e.at = t;
  e.household_id = r->household_id;
  e.kind = core::PointsKind::kRedemption;
  e.delta = -g->price;
  e.reason = "goods:" + std::to_string(goods_id);
  e.final_now = true;
  const std::int64_t seq = append_entry(tx, e);
  store_.points().move_stock(tx, goods_id, -1, "reserved", std::nullopt, t);
  const std::int64_t id = store_.points().add_redemption(tx, code, goods_id, r->household_id, resident_id, seq, t);
  tx.commit();
  return RedemptionReceipt{id, code, seq, g->price, have - g->price, g->name_zh, g->name_en};
}

core::Status PointsService::collect(std::int64_t staff_id, std::int64_t redemption_id) {
  if (!may(staff_id, core::Permission::kManageShop)) return Message("points.err.not_permitted");
  auto tx = store_.begin();
  const auto d = store_.points().redemption(redemption_id);
  if (!d || d->state) return Message("points.err.redemption_closed");
  store_.points().add_redemption_event(tx, redemption_id, "collected", staff_id, std::nullopt, now());
  store_.audit().append(tx, {now(), staff_id, "", "points.collected", "redemption:" + d->code, ""});
  tx.commit();
  return core::ok();
}

core::Status PointsService::cancel_reservation(std::int64_t staff_id, std::int64_t redemption_id) {
  if (!may(staff_id, core::Permission::kManageShop)) return Message("points.err.not_permitted");
  auto tx = store_.begin();
  const auto d = store_.points().redemption(redemption_id);
  if (!d || d->state) return Message("points.err.redemption_closed");
  const std::int64_t t = now();
  store::NewPointsEntry rev;
  rev.at = t;
  rev.household_id = d->household_id;
  rev.kind = core::PointsKind::kReversal;
  rev.delta = d->price;
  rev.reverses = d->entry_seq;
  rev.reason = "reservation_cancelled";
  rev.staff_id = staff_id;
  rev.final_now = true;
  const std::int64_t seq = append_entry(tx, rev);
  store_.points().move_stock(tx, d->goods_id, 1, "cancelled", staff_id, t);
  store_.points().add_redemption_event(tx, redemption_id, "cancelled", staff_id, seq, t);
  store_.audit().append(tx, {t, staff_id, "", "points.reservation_cancelled", "redemption:" + d->code, ""});
  tx.commit();
  return core::ok();
}

core::Result<std::int64_t> PointsService::add_goods(std::int64_t staff_id, const store::GoodsRow& g) {
  if (!may(staff_id, core::Permission::kManageShop)) return Message("points.err.not_permitted");
  if (g.name_zh.empty() || g.price <= 0 || g.stock < 0 || bad_text(g.name_zh) || bad_text(g.name_en))
    return Message("points.err.bad_goods");
  auto tx = store_.begin();
  const std::int64_t id = store_.points().add_goods(tx, g, staff_id, now());
  store_.audit().append(tx, {now(), staff_id, "", "points.goods_added", "goods:" + std::to_string(id),
                             "price:" + std::to_string(g.price) + "; stock:" + std::to_string(g.stock)});
  tx.commit();
  return id;
}

core::Status PointsService::restock(std::int64_t staff_id, std::int64_t goods_id, std::int64_t quantity) {
  if (!may(staff_id, core::Permission::kManageShop)) return Message("points.err.not_permitted");
  if (quantity <= 0 || quantity > 1000) return Message("points.err.bad_goods");
  auto tx = store_.begin();
  if (!store_.points().goods_item(goods_id)) return Message("points.err.unknown_goods");
  store_.points().move_stock(tx, goods_id, quantity, "restock", staff_id, now());
  store_.audit().append(tx, {now(), staff_id, "", "points.restock", "goods:" + std::to_string(goods_id),
                             "quantity:" + std::to_string(quantity)});
  tx.commit();
  return core::ok();
}

ExternalResult PointsService::apply_external_entry(const ExternalEntry& x) {
  auto tx = store_.begin();
  const ExternalResult out = apply_external_entry(tx, x);
  tx.commit();
  return out;
}

ExternalResult PointsService::apply_external_entry(db::Transaction& tx, const ExternalEntry& x) {
  const std::int64_t t = now();
  store_.points().settle(tx, t);
  const std::int64_t before = store_.points().household_standing(x.household_id).balance.final_points;
  store::NewPointsEntry e;
  e.at = x.at ? x.at : t;
  e.household_id = x.household_id;
  e.resident_id = x.resident_id;
  e.rule_id = x.rule_id;
  e.kind = core::PointsKind::kExternal;
  e.delta = x.delta;
  e.reason = x.reason;
  e.origin = x.origin;
  e.final_now = true;  // published where it was made
  ExternalResult out;
  // The entry is a fact from elsewhere and is kept as sent; a balance it takes below zero is
  // not hidden or clamped but listed for staff to sort out.
  out.seq = store_.points().append(tx, e);  // from the township: not reported back
  if (before + x.delta < 0) {
    store_.points().add_conflict(tx, out.seq, x.household_id, before, t);
    out.conflict = true;
  }
  store_.audit().append(tx, {t, std::nullopt, store::kAuditActorSystem, "points.external", seq_target(out.seq),
                             "origin:" + x.origin + "; delta:" + std::to_string(x.delta) +
                                 (out.conflict ? "; conflict" : "")});
  return out;
}

}  // namespace vsk::app
