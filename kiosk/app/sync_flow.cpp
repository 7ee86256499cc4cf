#include "app/sync_flow.h"

#include <nlohmann/json.hpp>

#include "app/sync_error_text.h"
#include "core/permissions.h"
#include "core/status_link.h"
#include "core/text_limits.h"

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

SyncFlow::SyncFlow(ViewState& state, store::KioskStore& store, platform::Clock& clock, SyncPort* port, UsbPort* usb,
                   Navigator* nav)
    : state_(state),
      own_nav_(nav ? std::nullopt : std::make_optional<Navigator>(state.screen)),
      nav_(nav ? *nav : *own_nav_),
      store_(store),
      clock_(clock),
      port_(port),
      usb_(usb) {}

void SyncFlow::open() {
  nav_.open_path({Screen::kAdminHome, Screen::kSyncHealth});
  state_.notice.reset();  // the last screen's message is not about sync
  state_.error.reset();
  refresh();
}

void SyncFlow::refresh() {
  const store::SyncHealth h = store_.sync().health();
  const std::int64_t now = clock_.unix_seconds();
  SyncHealthView v;
  v.usb = state_.sync.usb;  // what staff typed and the job's state are not in the database
  v.usb.available = usb_ != nullptr;
  v.usb.request_written = !h.enrolled && store_.sync().get(store::sync_key::kUsbRequestId).has_value();
  if (h.enrolled) v.usb.panel = false;
  v.enrolled = h.enrolled;
  v.available = h.enrolled && !h.server_url.empty() && port_ != nullptr;  // a USB-only kiosk has no round
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
                   const bool can = port_ && !store_.sync().health().server_url.empty();
                   if (can) port_->request_sync_now();
                   state_.notice = core::Message(can ? "sync.started" : "sync.not_available");
                 },
                 [&](const SyncRetry& r) { retry(r.seq, staff); },
                 [&](const SyncDiscard& d) { discard(d.seq, staff); },
                 [&](const SyncConflictDone& c) { settle_conflict(c.conflict_id, staff); },
                 [&](const SyncUsbOpen&) {
                   state_.sync.usb.panel = true;
                   state_.sync.usb.result.reset();
                 },
                 [&](const SyncUsbClose&) { state_.sync.usb.panel = false; },
                 [&](const SyncUsbCodeKey& k) { usb_key(k.key); },
                 [&](const SyncUsbStart& u) { start_usb(u.job, staff); },
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

void SyncFlow::usb_key(char key) {
  std::string& code = state_.sync.usb.code;
  if (key == '\b') {
    if (!code.empty()) code.pop_back();
  } else if (code.size() < kUsbCodeLength && std::string_view(kUsbCodeKeys).find(key) != std::string_view::npos) {
    code += key;
  }
}

void SyncFlow::start_usb(UsbJob job, std::int64_t staff_id) {
  auto& u = state_.sync.usb;
  if (!usb_) {
    state_.error = core::Message("sync.usb.not_available");
    return;
  }
  const bool needs_code = job == UsbJob::kEnrollRequest || job == UsbJob::kEnrollNetwork;
  if (needs_code && u.code.size() != kUsbCodeLength) {
    state_.error = core::Message("sync.error.bad_code_format");
    return;
  }
  if (job == UsbJob::kEnrollNetwork && u.server_url.empty()) {
    state_.error = core::Message("sync.net.no_address");
    return;
  }
  if (job == UsbJob::kExport) {
    // The bundle carries residents' requests: an export, audited before the file exists.
    const std::int64_t now = clock_.unix_seconds();
    auto tx = store_.begin();
    store_.audit().append(tx, {now, staff_id, "", "usb.export", "sync bundle",
                               "pending:" + std::to_string(store_.sync().health().pending)});
    tx.commit();
  }
  if (!usb_->start(job, u.code, u.server_url)) {
    state_.error = core::Message("sync.usb.busy");
    return;
  }
  u.job = job;
  u.running = true;
  u.done = u.total = 0;
  u.result.reset();
  usb_seen_ = UsbProgress{};
  usb_seen_.running = true;
}

namespace {

const char* job_key(UsbJob job) {
  switch (job) {
    case UsbJob::kEnrollRequest: return "sync.usb.job.enroll_request";
    case UsbJob::kEnrollReply: return "sync.usb.job.enroll_reply";
    case UsbJob::kExport: return "sync.usb.job.export";
    case UsbJob::kImport: return "sync.usb.job.import";
    case UsbJob::kEnrollNetwork: return "sync.net.job";
    case UsbJob::kNone: break;
  }
  return "sync.usb.job.import";
}

}  // namespace

core::Message usb_outcome_message(const UsbProgress& p) {
  if (p.ok) {
    switch (p.job) {
      case UsbJob::kEnrollRequest: return core::Message("sync.usb.done.enroll_request").arg("file", p.file);
      case UsbJob::kEnrollReply:
        return core::Message("sync.usb.done.enroll_reply").arg("n", std::to_string(p.received));
      case UsbJob::kEnrollNetwork:
        return core::Message("sync.net.done").arg("village", p.file);
      case UsbJob::kExport:
        return core::Message("sync.usb.done.export").arg("n", std::to_string(p.sent)).arg("file", p.file);
      default:
        return core::Message("sync.usb.done.import").arg("sent", std::to_string(p.sent)).arg("n", std::to_string(p.received));
    }
  }
  for (const char* known : {"usb.no_stick", "usb.full", "usb.read_only", "usb.no_reply", "usb.io"})
    if (p.error_code == known) return core::Message("sync.usb.error." + p.error_code.substr(4));
  return sync_error_message(p.error_code);  // another kiosk's file, a damaged one, a used code...
}

core::Message usb_progress_message(UsbJob job, int done, int total) {
  if (job == UsbJob::kEnrollNetwork) return core::Message("sync.net.working");  // no stick to keep in
  if (total <= 0) return core::Message("sync.usb.working").arg("job", job_key(job));
  return core::Message("sync.usb.progress")
      .arg("job", job_key(job))
      .arg("done", std::to_string(done))
      .arg("total", std::to_string(total));
}

bool SyncFlow::poll_usb() {
  if (!usb_ || state_.screen != Screen::kSyncHealth) return false;
  const UsbProgress p = usb_->progress();
  if (p.running == usb_seen_.running && p.done == usb_seen_.done && p.total == usb_seen_.total &&
      p.finished == usb_seen_.finished)
    return false;
  usb_seen_ = p;
  auto& u = state_.sync.usb;
  u.running = p.running;
  u.done = p.done;
  u.total = p.total;
  if (p.finished && !p.running) {
    u.result = usb_outcome_message(p);
    u.result_ok = p.ok;
    if (p.ok && (p.job == UsbJob::kEnrollReply || p.job == UsbJob::kEnrollNetwork)) u.code.clear();
    // Enrolled over the network: the background sync starts now, no restart needed.
    if (p.ok && p.job == UsbJob::kEnrollNetwork && port_) port_->request_sync_now();
    refresh();  // enrolled now, fewer pending, ...
  }
  return true;
}

std::optional<TextField> SyncFlow::text_field(const std::string& target) const {
  if (target != "sync_net.address" || state_.screen != Screen::kSyncHealth || !state_.sync.usb.panel) return std::nullopt;
  return TextField{state_.sync.usb.server_url, core::kMaxStatusBaseChars, "sync.net.type_address"};
}

// 10.0.0.5:8443 is taken as http://10.0.0.5:8443: staff copy the address off the township's
// paper, and the envelopes are signed and sealed whatever the link (docs/sync-protocol.md).
core::Status SyncFlow::take_text(const std::string& target, const std::string& value) {
  if (!text_field(target)) return core::Message("text.err.closed");
  std::string url = core::trim_free_text(value);
  if (url.find("://") == std::string::npos) url = "http://" + url;
  const auto normal = core::normalize_status_base(url);
  if (!normal) return core::Message("sync.net.bad_address");
  state_.sync.usb.server_url = *normal;
  state_.error.reset();
  return core::ok();
}

}  // namespace vsk::app
