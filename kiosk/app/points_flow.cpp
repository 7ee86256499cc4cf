#include "app/points_flow.h"

#include <charconv>

#include "core/date.h"
#include "core/id_number.h"

namespace vsk::app {
namespace {

constexpr int kPageSize = 4;  // rows that fit above the footer at every screen size we support
constexpr int kLargePageSize = 2;  // large mode (about 17 em of height): two two-line rows

// Phrases residents and staff tap (stored as their keys); 键盘输入 beside them types anything else.
const std::vector<std::string>& phrases_for(const std::string& what) {
  static const std::vector<std::string> kObject = {"objection.phrase.not_me", "objection.phrase.wrong_date",
                                                   "objection.phrase.wrong_rule", "objection.phrase.already_fixed",
                                                   "objection.phrase.not_told"};
  static const std::vector<std::string> kDeclare = {"claim.phrase.helped_neighbour", "claim.phrase.cleaned_road",
                                                    "claim.phrase.visited_elderly", "claim.phrase.volunteered"};
  static const std::vector<std::string> kResolve = {"resolution.phrase.photo_confirms",
                                                    "resolution.phrase.evidence_checked",
                                                    "resolution.phrase.wrong_household", "resolution.phrase.no_evidence"};
  // Refusing a large entry or a good-deed claim.
  static const std::vector<std::string> kRefuse = {"resolution.phrase.no_evidence", "resolution.phrase.wrong_household",
                                                   "refusal.phrase.not_verified", "refusal.phrase.duplicate"};
  if (what == "object") return kObject;
  if (what == "declare") return kDeclare;
  if (what == "refuse" || what == "claim_no") return kRefuse;
  return kResolve;
}

std::string signed_points(std::int64_t d) { return (d > 0 ? "+" : "") + std::to_string(d); }

// Digits (typed on the keypad, or the id in a "goods:<id>" reason) as a number; none when
// empty, not all digits, or too long for one.
std::optional<std::int64_t> whole_number(const std::string& digits) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return v;
}

std::string month_label(std::int64_t now) {
  const core::Date d = core::date_of(now);
  return core::format_date(d).substr(0, 7);
}

std::string rule_zh(const core::PointsRules& rules, const std::string& id) {
  const core::PointsRule* r = rules.find(id);
  return r ? r->name_zh : "";
}

// What waits for a staff decision: large entries, objections, good deeds declared.
// One row of a staff list (named fields: detail_msg is set afterwards where needed).
StaffPointsItem staff_item(std::string title, std::string detail, std::vector<StaffPointsButton> actions = {},
                           std::string note = "") {
  StaffPointsItem item;
  item.title = std::move(title);
  item.detail = std::move(detail);
  item.actions = std::move(actions);
  item.note = std::move(note);
  return item;
}

void add_decisions(store::KioskStore& store, const core::PointsRules& rules, const std::string& list,
                   std::vector<StaffPointsItem>& items) {
  if (list == "approvals") {
    for (const auto& v : store.points().pending_approvals()) {
      items.push_back(staff_item(rule_zh(rules, v.entry.rule_id) + " " + signed_points(v.entry.delta),
                       (v.resident_name.empty() ? v.address : core::mask_name(v.resident_name) + " · " + v.address) +
                           " · " + v.staff_name,
                       {{{PointsVerb::kApprove, v.entry.seq}, "points.act.approve"},
                        {{PointsVerb::kRefuse, v.entry.seq}, "points.act.refuse"}}));
    }
  } else if (list == "objections") {
    for (const auto& o : store.points().open_objections()) {
      const auto v = store.points().entry(o.entry_seq);
      items.push_back(staff_item(rule_zh(rules, v->entry.rule_id) + " " + signed_points(v->entry.delta),
                       core::mask_name(o.resident_name),
                       {{{PointsVerb::kUphold, o.id}, "points.act.uphold"},
                        {{PointsVerb::kDismiss, o.id}, "points.act.dismiss"}},
                       o.reason));
    }
  } else {
    for (const auto& c : store.points().open_claims())
      items.push_back(staff_item(rule_zh(rules, c.rule_id), core::mask_name(c.resident_name),
                       {{{PointsVerb::kClaimOk, c.id}, "points.act.approve"},
                        {{PointsVerb::kClaimNo, c.id}, "points.act.refuse"}},
                       c.note));
  }
}

// The shop's orders and stock, the month's summary, the sync conflicts.
void add_overview(store::KioskStore& store, const core::PointsRules& rules, const std::string& list, std::int64_t now,
                  std::vector<StaffPointsItem>& items) {
  if (list == "shop") {
    for (const auto& d : store.points().open_redemptions())
      items.push_back(staff_item(d.code + " " + d.goods_zh, core::mask_name(d.resident_name) + " · " + signed_points(-d.price),
                       {{{PointsVerb::kCollect, d.id}, "points.act.collect"},
                        {{PointsVerb::kCancel, d.id}, "points.act.cancel"}}));
    // Every item, sold-out ones too (they are the ones to restock), stock in words.
    for (const auto& g : store.points().goods()) {
      StaffPointsItem item = staff_item(g.name_zh + " · " + std::to_string(g.price), "", {{{PointsVerb::kRestock, g.id}, "points.act.restock"}});
      item.detail_msg = g.stock > 0 ? core::Message("points.goods_stock").arg("n", std::to_string(g.stock))
                                    : core::Message("points.goods_sold_out");
      items.push_back(std::move(item));
    }
  } else if (list == "summary") {
    const auto [from, to] = PointsService::month_bounds(now);
    for (const auto& r : store.points().summary_by_grid(from, to))
      items.push_back(staff_item(r.key,
                       std::to_string(r.entries) + " · +" + std::to_string(r.awarded) + " · " + std::to_string(r.deducted),
                       {}, "grid"));
    for (const auto& r : store.points().summary_by_rule(from, to))
      items.push_back(staff_item(rule_zh(rules, r.key),
                       std::to_string(r.entries) + " · +" + std::to_string(r.awarded) + " · " + std::to_string(r.deducted),
                       {}, "rule"));
  } else if (list == "conflicts") {
    for (const auto& c : store.points().conflicts())
      items.push_back(staff_item("#" + std::to_string(c.entry_seq) + " " + signed_points(c.delta) + " (" + c.origin + ")",
                       std::to_string(c.balance_before) + " -> " + std::to_string(c.balance_before + c.delta), {}));
  }
}

}  // namespace

PointsFlow::PointsFlow(ViewState& state, const Session& session, Navigator& nav, store::KioskStore& store,
                       PointsService& service)
    : state_(state), session_(session), nav_(nav), store_(store), service_(service) {
  register_back();
}

// What Back reloads or clears on the points screens; where it leads is the navigation stack.
void PointsFlow::register_back() {
  nav_.on(Screen::kPointsHome, {{}, {}, [this] {
            state_.notice.reset();
            open_home();
          }});
  nav_.on(Screen::kPointsPhrases, {[this] {
            leave_phrases();
            return true;
          }, {}, {}});
  nav_.on(Screen::kStaffPoints, {{}, [this] { state_.notice.reset(); }, [this] { open_staff(); }});
  nav_.on(Screen::kStaffPointsAward, {[this] {  // the rule step -> the person step
            PointsView& p = state_.points;
            if (p.award_subject.empty()) return false;
            p.award_subject.clear();
            p.award_reason.clear();
            p.rules.clear();
            p.picked_rule.clear();
            return true;
          }, {}, {}});
}

void PointsFlow::reset() {
  object_seq_ = 0;
  reason_for_.reset();
  award_resident_.reset();
  award_household_.reset();
}

std::optional<std::int64_t> PointsFlow::household() const {
  if (!session_.resident_id) return std::nullopt;
  const auto r = store_.residents().find(*session_.resident_id);
  if (!r) return std::nullopt;
  return r->household_id;
}

core::LocalText PointsFlow::rule_name(const std::string& rule_id) const {
  const core::PointsRule* r = service_.rules().find(rule_id);
  if (!r) return {};
  return {r->name_zh, r->name_en};
}

PointsRow PointsFlow::row(const store::PointsEntryView& v) {
  PointsRow r;
  r.seq = v.entry.seq;
  r.rule = rule_name(v.entry.rule_id);
  r.delta = v.entry.delta;
  r.kind = std::string(core::points_kind_name(v.entry.kind));
  const core::PointsState s = service_.state_of(v);
  r.state = std::string(core::points_state_name(s));
  r.reason = v.entry.reason;
  r.who = v.resident_name;
  r.at = v.entry.at;
  r.reversed = v.reversed_by.has_value();
  const auto ends = core::notice_ends(v.facts, service_.policy());
  if (ends && (s == core::PointsState::kInNotice || s == core::PointsState::kObjected))
    r.notice_ends = core::format_date(core::date_of(*ends));
  r.may_object = s == core::PointsState::kInNotice || (s == core::PointsState::kObjected && ends &&
                                                        state_.now_unix < *ends);
  // One open objection per resident and entry: no button that can only say "already objected".
  if (r.may_object && s == core::PointsState::kObjected && session_.resident_id)
    for (const auto& o : store_.points().objections_of(v.entry.seq))
      if (o.resident_id == *session_.resident_id && !o.outcome) r.may_object = false;
  if (v.entry.kind == core::PointsKind::kRedemption) {
    // "goods:<id>": the goods' name instead of the raw reason.
    const auto g = store_.points().goods_item(whole_number(v.entry.reason.substr(6)).value_or(0));
    if (g) r.rule = {g->name_zh, g->name_en};
    r.reason.clear();
  }
  return r;
}

void PointsFlow::load_home() {
  service_.settle();
  const auto hh = household();
  if (!hh) return;
  PointsView& p = state_.points;
  const store::PointsBalance mine = store_.points().resident_balance(*session_.resident_id);
  const store::HouseholdStanding s = store_.points().household_standing(*hh);
  p.my_final = mine.final_points;
  p.my_pending = mine.pending_points;
  p.household_final = s.balance.final_points;
  p.household_pending = s.balance.pending_points;
  p.rank = s.rank;
  p.households = s.households;
  p.grid_rank = s.grid_rank;
  p.grid_households = s.grid_households;
  p.grid = s.grid_name;
  p.in_notice = 0;
  for (const auto& v : store_.points().unsettled_for(*hh))
    if (row(v).may_object) ++p.in_notice;
  p.black_board = service_.black_board_enabled();
  p.notice_days = service_.policy().notice_days;
}

void PointsFlow::open_home() {
  state_.error.reset();
  load_home();
  nav_.open_path({Screen::kPointsHome});
}

void PointsFlow::load_history() {
  const auto hh = household();
  if (!hh) return;
  const int page_size = state_.large_mode ? kLargePageSize : kPageSize;
  auto rows = store_.points().household_history(*hh, page_size + 1, state_.points.page * page_size);
  state_.points.has_more = static_cast<int>(rows.size()) > page_size;
  if (state_.points.has_more) rows.pop_back();
  state_.points.rows.clear();
  for (const auto& v : rows) state_.points.rows.push_back(row(v));
  nav_.open(Screen::kPointsHistory);
}

void PointsFlow::load_notice() {
  const auto hh = household();
  if (!hh) return;
  service_.settle();
  state_.points.rows.clear();
  for (const auto& v : store_.points().unsettled_for(*hh)) {
    PointsRow r = row(v);
    if (r.state != "pending_approval") state_.points.rows.push_back(std::move(r));
  }
  if (state_.points.notice_first >= state_.points.rows.size()) state_.points.notice_first = 0;
  nav_.open(Screen::kPointsNotice);
}

void PointsFlow::open_phrases(const std::string& for_what) {
  state_.points.phrase_for = for_what;
  state_.points.phrases = phrases_for(for_what);
  nav_.open(Screen::kPointsPhrases);
}

void PointsFlow::show(const core::Status& st, const std::string& ok_key) {
  if (st) {
    state_.error.reset();
    state_.notice = core::Message(ok_key);
  } else {
    state_.notice.reset();
    state_.error = st.error();
  }
}

core::Status PointsFlow::submit_reason(const std::string& text) {
  const std::string what = state_.points.phrase_for;
  if (what == "object" && session_.resident_id) {
    const auto r = service_.object(*session_.resident_id, object_seq_, text);
    if (!r) return r.error();
    load_notice();
    show(core::ok(), "points.objection_filed");
    return core::ok();
  }
  if (what == "declare" && session_.resident_id) {
    const auto r = service_.declare(*session_.resident_id, state_.points.picked_rule, text);
    if (!r) return r.error();
    open_home();
    show(core::ok(), "points.claim_filed");
    return core::ok();
  }
  // Staff: uphold / dismiss an objection, refuse an entry, refuse a claim (reason_for_).
  if (!session_.staff_id || !reason_for_) return core::Message("points.err.not_permitted");
  const std::int64_t staff = *session_.staff_id, id = reason_for_->id;
  core::Status st = core::ok();
  std::string ok_key = "points.done";
  switch (reason_for_->verb) {
    case PointsVerb::kUphold:
    case PointsVerb::kDismiss: {
      const bool uphold = reason_for_->verb == PointsVerb::kUphold;
      st = service_.resolve(staff, id, uphold, text);
      ok_key = uphold ? "points.upheld" : "points.dismissed";
      break;
    }
    case PointsVerb::kRefuse: st = service_.decide_approval(staff, id, false, text); break;
    case PointsVerb::kClaimNo: st = service_.review_claim(staff, id, false, text); break;
    default: break;
  }
  if (!st) return st;
  leave_phrases();
  show(st, ok_key);
  return core::ok();
}

void PointsFlow::leave_phrases() {
  const std::string verb = state_.points.phrase_for;
  if (verb == "object") load_notice();
  else if (verb == "declare") nav_.open(Screen::kPointsDeclare);
  else if (verb == "refuse") open_staff_list("approvals");
  else if (verb == "claim_no") open_staff_list("claims");
  else open_staff_list("objections");
}

void PointsFlow::on_phrase(const std::string& key) {
  const core::Status st = submit_reason(key);
  if (st) return;
  // A tapped phrase that cannot be filed (the notice ended meanwhile...): back, with why.
  if (state_.points.phrase_for == "declare") open_home();
  else leave_phrases();
  state_.notice.reset();
  state_.error = st.error();
}

void PointsFlow::open_shop() {
  state_.points.goods.clear();
  for (const auto& g : store_.points().goods())
    state_.points.goods.push_back({g.id, {g.name_zh, g.name_en}, g.price, g.stock, g.picture});
  if (const auto hh = household()) state_.points.spendable = service_.spendable(*hh);
  nav_.open(Screen::kPointsShop);
}

void PointsFlow::reserve() {
  if (!session_.resident_id || !state_.points.picked_goods) return;
  const auto r = service_.reserve(*session_.resident_id, state_.points.picked_goods);
  if (!r) {
    open_shop();
    state_.error = r.error();
    return;
  }
  state_.points.redeemed_code = r.value().code;
  state_.points.redeemed_goods = {r.value().goods_zh, r.value().goods_en};
  state_.points.redeemed_price = r.value().price;
  state_.points.spendable = r.value().balance_after;
  state_.points.picked_goods = 0;
  state_.error.reset();
  nav_.replace(Screen::kPointsRedeemed);  // Back from the receipt: my points, not the shop
}

void PointsFlow::open_board(const PointsBoard& board) {
  service_.settle();
  PointsView& p = state_.points;
  p.black_board = service_.black_board_enabled();
  p.board_scope = board.scope == BoardScope::kBlack && !p.black_board ? PointsBoard{} : board;
  p.grids.clear();
  for (const auto& [id, name] : store_.residents().grids()) p.grids.emplace_back(id, name);
  p.board.clear();
  // Public: masked names of the household heads, points and (黑榜) the rule only.
  if (p.board_scope.scope == BoardScope::kBlack) {
    for (const auto& r : store_.points().deduction_board(10))
      p.board.push_back({r.rank, core::mask_name(r.head_name), r.grid_name, r.final_points, rule_name(r.rule_id)});
  } else {
    std::optional<std::int64_t> grid;
    if (p.board_scope.scope == BoardScope::kGrid) grid = p.board_scope.grid_id;
    for (const auto& r : store_.points().board(grid, 10, false))
      p.board.push_back({r.rank, core::mask_name(r.head_name), r.grid_name, r.earned_points, {}});
  }
  nav_.open(Screen::kPointsBoard);
}

// ---- staff ----

void PointsFlow::refresh_counts() {
  auto& c = state_.points.counts;
  c["approvals"] = static_cast<int>(store_.points().pending_approvals().size());
  c["objections"] = static_cast<int>(store_.points().open_objections().size());
  c["claims"] = static_cast<int>(store_.points().open_claims().size());
  c["shop"] = static_cast<int>(store_.points().open_redemptions().size());
  c["conflicts"] = static_cast<int>(store_.points().conflicts().size());
}

void PointsFlow::open_staff() {
  if (!session_.staff_id) return;
  service_.settle();
  refresh_counts();
  state_.points.notice_days = service_.policy().notice_days;
  state_.points.approval_threshold = service_.policy().approval_threshold;
  nav_.open_path({Screen::kAdminHome, Screen::kStaffPoints});
}

void PointsFlow::open_staff_list(const std::string& list) {
  if (!session_.staff_id) return;
  service_.settle();
  PointsView& p = state_.points;
  p.staff_list = list;
  p.items.clear();
  p.month = month_label(state_.now_unix);
  if (list == "approvals" || list == "objections" || list == "claims")
    add_decisions(store_, service_.rules(), list, p.items);
  else
    add_overview(store_, service_.rules(), list, state_.now_unix, p.items);
  if (p.staff_first >= p.items.size()) p.staff_first = 0;  // acted on the last one of a page
  refresh_counts();
  nav_.open(Screen::kStaffPointsList);
}

void PointsFlow::staff_act(const PointsStaffAct& act) {
  if (!session_.staff_id) return;
  const std::int64_t staff = *session_.staff_id;
  const std::string list = state_.points.staff_list;
  // Decisions against someone need a reason: a phrase or typed text.
  if (points_verb_needs_reason(act.verb)) {
    reason_for_ = act;
    return open_phrases(std::string(points_verb_name(act.verb)));
  }
  core::Status st = core::ok();
  switch (act.verb) {
    case PointsVerb::kApprove: st = service_.decide_approval(staff, act.id, true, ""); break;
    case PointsVerb::kClaimOk: st = service_.review_claim(staff, act.id, true, ""); break;
    case PointsVerb::kCollect: st = service_.collect(staff, act.id); break;
    case PointsVerb::kCancel: st = service_.cancel_reservation(staff, act.id); break;
    case PointsVerb::kRestock: st = service_.restock(staff, act.id, 10); break;
    default: break;
  }
  open_staff_list(list);
  show(st, "points.done");
}

void PointsFlow::award_subject_typed() {
  const std::string typed = core::normalize_id_number(state_.keypad.entry);
  award_resident_.reset();
  award_household_.reset();
  state_.points.rules.clear();
  state_.points.picked_rule.clear();
  if (typed.size() == 18) {
    if (core::validate_id_number(typed)) {
      state_.error = core::Message("err.id_chars");
      return;
    }
    const auto r = store_.residents().find_by_id_number(typed);
    if (!r) {
      state_.error = core::Message("err.id_not_found");
      return;
    }
    award_resident_ = r->id;
    state_.points.award_subject = r->name + " · " + core::mask_id_number(typed) + " · " + r->address;
  } else if (!typed.empty() && typed.size() <= 6 && typed.find('X') == std::string::npos) {
    const std::int64_t hid = whole_number(typed).value_or(0);
    const auto s = store_.points().household_standing(hid);
    if (s.grid_id == 0) {
      state_.error = core::Message("points.err.unknown_household");
      return;
    }
    award_household_ = hid;
    const std::string address = store_.residents().household_address(hid).value_or("");
    state_.points.award_subject = address + " · " + s.grid_name;
  } else {
    state_.error = core::Message("points.err.subject");
    return;
  }
  state_.points.categories.clear();
  for (const auto& c : service_.rules().categories) state_.points.categories.push_back({c.id, {c.name_zh, c.name_en}});
  if (!state_.points.categories.empty()) state_.points.category = state_.points.categories.front().first;
  for (const auto& r : service_.rules().rules) {
    if (award_household_ && r.applies_to == core::PointsSubject::kPerson) continue;
    state_.points.rules.push_back({r.id, {r.name_zh, r.name_en}, r.category, r.points, r.evidence});
  }
  state_.error.reset();
}

void PointsFlow::confirm_award() {
  if (!session_.staff_id || state_.points.picked_rule.empty()) return;
  AwardInput in;
  in.staff_id = *session_.staff_id;
  in.resident_id = award_resident_;
  in.household_id = award_household_;
  in.rule_id = state_.points.picked_rule;
  in.reason = state_.points.award_reason;
  const auto r = service_.award(in);
  if (!r) {
    state_.error = r.error();
    return;
  }
  const auto v = store_.points().entry(r.value());
  state_.points.award_reason.clear();
  open_staff();
  state_.notice = core::Message(v && v->entry.needs_approval ? "points.awarded_needs_approval" : "points.awarded")
                      .arg("days", std::to_string(service_.policy().notice_days));
}

bool PointsFlow::on_submit() {
  if (state_.screen != Screen::kStaffPointsAward || state_.keypad.step != EntryStep::kPointsSubject) return false;
  award_subject_typed();
  return true;
}

void PointsFlow::handle(const PointsAction& a) {
  std::visit([&](const auto& x) { on(x); }, a);
}

void PointsFlow::on(const PointsHistory&) {
  state_.points.page = 0;
  load_history();
}

void PointsFlow::on(const PointsPage& a) {
  state_.points.page = std::max(0, state_.points.page + (a.delta < 0 ? -1 : 1));
  load_history();
}

void PointsFlow::on(const PointsNotice&) {
  state_.notice.reset();
  state_.points.notice_first = 0;
  load_notice();
}

void PointsFlow::on(const PointsObject& a) {
  object_seq_ = a.entry_seq;
  open_phrases("object");
}

void PointsFlow::on(const PointsPhrase& a) { on_phrase(a.phrase_key); }

void PointsFlow::on(const PointsDeclare&) {
  state_.points.rules.clear();
  state_.points.picked_rule.clear();
  for (const auto& r : service_.rules().rules)
    if (r.points > 0 && (r.category == "public_welfare" || r.category == "virtue"))
      state_.points.rules.push_back({r.id, {r.name_zh, r.name_en}, r.category, r.points, r.evidence});
  nav_.open(Screen::kPointsDeclare);
}

void PointsFlow::on(const PointsPickRule& a) {
  state_.points.picked_rule = a.rule_id;
  if (state_.screen == Screen::kPointsDeclare) open_phrases("declare");
}

void PointsFlow::on(const PointsPickCategory& a) {
  state_.points.category = a.category;
  state_.points.picked_rule.clear();
}

void PointsFlow::on(const PointsShop&) {
  state_.points.picked_goods = 0;
  state_.notice.reset();
  state_.error.reset();
  open_shop();
}

void PointsFlow::on(const PointsPickGoods& a) {
  state_.points.picked_goods = a.goods_id;
  state_.error.reset();
}

void PointsFlow::on(const PointsReserve&) { reserve(); }

void PointsFlow::on(const PointsBoard& a) { open_board(a); }

void PointsFlow::on(const PointsStaffList& a) {
  state_.notice.reset();
  state_.error.reset();
  state_.points.staff_first = 0;
  open_staff_list(a.list);
}

void PointsFlow::on(const PointsNoticeFrom& a) {
  const std::size_t n = state_.points.rows.size();
  state_.points.notice_first = n == 0 ? 0 : std::min(a.first, n - 1);
}

void PointsFlow::on(const PointsStaffFrom& a) {
  const std::size_t n = state_.points.items.size();
  state_.points.staff_first = n == 0 ? 0 : std::min(a.first, n - 1);
}

void PointsFlow::on(const PointsStaffAct& a) { staff_act(a); }

void PointsFlow::on(const PointsStaffAward&) {
  if (!session_.staff_id) return;
  award_resident_.reset();
  award_household_.reset();
  state_.points.rules.clear();
  state_.points.picked_rule.clear();
  state_.points.award_subject.clear();
  state_.points.award_reason.clear();
  state_.notice.reset();
  state_.error.reset();
  state_.keypad = KeypadView{EntryStep::kPointsSubject, "", 18, true, false, ""};
  nav_.open(Screen::kStaffPointsAward);
}

void PointsFlow::on(const PointsConfirmAward&) { confirm_award(); }

}  // namespace vsk::app
