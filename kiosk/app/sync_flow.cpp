#include "app/sync_flow.h"

#include <nlohmann/json.hpp>

#include "app/sync_error_text.h"
#include "core/permissions.h"

namespace vsk::app {
namespace {

// What a queued operation is about, for people: the request number, else its type.
std::string what_of(const store::OutboxOp& op) {
  const auto p = nlohmann::json::parse(op.payload, nullptr, false);
  if (!p.is_discarded() && p.is_object() && p.contains("number") && p["number"].is_string())
    return p["number"].get<std::string>();
  return op.type;
}

std::string summary_of(const std::string& payload) {
  const auto p = nlohmann::json::parse(payload, nullptr, false);
  if (!p.is_discarded() && p.is_object())
    for (const char* key : {"note", "title", "text"})
      if (p.contains(key) && p[key].is_string()) return p[key].get<std::string>();
  return "";
}

}  // namespace

SyncFlow::SyncFlow(ViewState& state, store::KioskStore& store, platform::Clock& clock, SyncPort* port)
    : state_(state), store_(store), clock_(clock), port_(port) {}

void SyncFlow::open() {
  state_.screen = Screen::kSyncHealth;
  state_.notice.reset();  // the last screen's message is not about sync
  state_.error.reset();
  refresh();
}

void SyncFlow::refresh() {
  const store::SyncHealth h = store_.sync().health();
  const std::int64_t now = clock_.unix_seconds();
  SyncHealthView v;
  v.enrolled = h.enrolled;
  v.available = h.enrolled && port_ != nullptr;
  v.village = h.village;
  v.server_url = h.server_url;
  v.pending = h.pending;
  v.oldest_pending_age_s = h.oldest_pending_at ? std::max<std::int64_t>(0, now - *h.oldest_pending_at) : -1;
  v.last_success_at = h.last_success.value_or(0);
  v.last_attempt_at = h.last_attempt.value_or(0);
  if (!h.last_error_code.empty()) v.last_error = sync_error_message(h.last_error_code);
  v.clock_offset_s = h.clock_offset_s.value_or(0);
  v.clock_warning = h.clock_offset_s && std::abs(*h.clock_offset_s) > kClockWarnSeconds;
  if (port_) {
    const SyncRunState r = port_->run_state();
    v.running = r.running;
    v.failures_in_row = r.failures_in_row;
    v.next_round_in_s = r.next_round_in_s;
  }
  for (const auto& q : store_.sync().quarantined())
    v.quarantined.push_back({q.op.seq, q.op.type, what_of(q.op), q.at, sync_rejection_message(q.code)});
  for (const auto& c : store_.sync().open_conflicts())
    v.conflicts.push_back({c.id, c.scope, c.key, c.reason, summary_of(c.remote)});
  state_.sync = std::move(v);
}

bool SyncFlow::permitted(const Session& session) {
  if (!session.staff_id) return false;
  const auto s = store_.staff().find(*session.staff_id);
  const auto role = s ? core::role_from_name(s->role) : std::nullopt;
  return role && core::allowed(core::Actor{*role, s->id, s->grid_id}, core::Permission::kManageSync);
}

bool SyncFlow::check_permitted(const Session& session) {
  state_.error.reset();
  if (permitted(session)) return true;
  state_.error = core::Message("req.err.not_permitted").arg("action", "admin.sync");
  return false;
}

void SyncFlow::open(const Session& session) {
  if (check_permitted(session)) open();
}

void SyncFlow::handle(const SyncAction& a, const Session& session) {
  if (!check_permitted(session)) return;
  const std::int64_t staff = *session.staff_id;
  std::visit(Overloaded{
                 [&](const SyncNow&) {
                   if (port_) port_->request_sync_now();
                   state_.notice = core::Message(port_ ? "sync.started" : "sync.not_available");
                 },
                 [&](const SyncRetry& r) { retry(r.seq, staff); },
                 [&](const SyncDiscard& d) { discard(d.seq, staff); },
                 [&](const SyncConflictDone& c) { settle_conflict(c.conflict_id, staff); },
             },
             a);
  refresh();
}

void SyncFlow::retry(std::int64_t seq, std::int64_t staff_id) {
  const auto op = store_.sync().op(seq);
  if (!op) return;
  const std::int64_t now = clock_.unix_seconds();
  auto tx = store_.begin();
  // Queued operations never change: the retry is a new operation with the same content.
  if (!store_.sync().resolve_rejection(tx, seq, "retried", staff_id, now)) return;
  const std::int64_t new_seq = store_.sync().enqueue(tx, op->type, op->payload, now);
  store_.audit().append(tx, {now, staff_id, "", "outbox.retry", what_of(*op),
                             "seq:" + std::to_string(seq) + "; new_seq:" + std::to_string(new_seq)});
  tx.commit();
  state_.notice = core::Message("sync.retried");
  if (port_) port_->request_sync_now();
}

void SyncFlow::discard(std::int64_t seq, std::int64_t staff_id) {
  const auto op = store_.sync().op(seq);
  if (!op) return;
  const std::int64_t now = clock_.unix_seconds();
  auto tx = store_.begin();
  if (!store_.sync().resolve_rejection(tx, seq, "discarded", staff_id, now)) return;
  store_.audit().append(tx, {now, staff_id, "", "outbox.discard", what_of(*op), "seq:" + std::to_string(seq) + "; type:" + op->type});
  tx.commit();
  state_.notice = core::Message("sync.discarded");
}

void SyncFlow::settle_conflict(std::int64_t id, std::int64_t staff_id) {
  const std::int64_t now = clock_.unix_seconds();
  auto tx = store_.begin();
  if (!store_.sync().resolve_conflict(tx, id, "acknowledged", staff_id, now)) return;
  store_.audit().append(tx, {now, staff_id, "", "conflict.settle", "conflict:" + std::to_string(id), ""});
  tx.commit();
  state_.notice = core::Message("sync.conflict_settled");
}

}  // namespace vsk::app
