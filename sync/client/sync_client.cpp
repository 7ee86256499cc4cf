#include "sync/client/sync_client.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sync/protocol/bounded_json.h"
#include "sync/protocol/bundle.h"
#include "sync/protocol/enroll_bundle.h"
#include "sync/protocol/envelope.h"
#include "sync/protocol/messages.h"

namespace vsk::sync {
namespace {

using nlohmann::json;
constexpr const char* kEnvelopeType = "application/vnd.vsk-envelope";
constexpr int kBundlePullLimit = 1000;

// "network:<reason>" when the transport named one (transport.h), else "network".
std::string network_code(const std::string& error) {
  const auto colon = error.find(':');
  const std::string reason = error.substr(0, colon);
  for (const char* known : kNetworkReasons)
    if (reason == known) return "network:" + reason;
  return "network";
}


}  // namespace

std::string device_key_path(const std::string& data_dir) { return data_dir + "/keys/device.key"; }

SyncClient::SyncClient(store::KioskStore& store, platform::Clock& clock, SigningKey device_key,
                       app::TownshipChanges& changes, SyncLimits limits)
    : store_(store), clock_(clock), key_(std::move(device_key)), changes_(changes), limits_(limits) {}

void SyncClient::fail(SyncReport& r, const std::string& code, const std::string& detail) {
  r.ok = false;
  r.error_code = code;
  r.error_detail = detail;
}

SyncReport SyncClient::finish(SyncReport r) {
  auto& s = store_.sync();
  r.acked_seq = s.get_int(store::sync_key::kAckedSeq);
  r.pending = s.count_after(r.acked_seq);
  auto tx = store_.begin();
  const std::int64_t now = clock_.unix_seconds();
  s.set_int(tx, store::sync_key::kLastAttempt, now);
  if (r.ok) {
    s.set_int(tx, store::sync_key::kLastSuccess, now);
    s.remove(tx, store::sync_key::kLastErrorCode);
    s.remove(tx, store::sync_key::kLastErrorDetail);
  } else {
    s.set(tx, store::sync_key::kLastErrorCode, r.error_code);
    s.set(tx, store::sync_key::kLastErrorDetail, r.error_detail);
  }
  tx.commit();
  return r;
}

std::optional<SyncClient::Identity> SyncClient::identity() {
  auto& s = store_.sync();
  const auto device = s.get(store::sync_key::kDeviceId);
  const auto server = s.get(store::sync_key::kServerKey);
  if (!device || !server) return std::nullopt;
  const auto pk = PublicKey::from_hex(*server);
  if (!pk) return std::nullopt;
  return Identity{*device, *pk};
}

SyncReport SyncClient::enroll(Transport& t, const std::string& server_url, const std::string& code,
                              const std::string& name) {
  SyncReport r;
  if (identity()) {
    fail(r, "already_enrolled", "this kiosk is already enrolled");
    return r;
  }
  std::string error;
  const std::string body = json{{"code", code}, {"public_key", key_.public_key.hex()}, {"name", name}}.dump();
  const auto resp = t.post("/v1/enroll", body, "application/json", &error);
  if (!resp) {
    fail(r, network_code(error), error);
    return r;
  }
  if (resp->status != 200) {
    const auto e = decode_error_reply(resp->body, nullptr);
    fail(r, "refused:" + (e ? e->code : std::to_string(resp->status)), e ? e->message_en : "enrollment refused");
    return r;
  }
  const json j = parse_bounded_json(resp->body, nullptr, kMaxHeaderBytes).value_or(json());
  if (!j.is_object() || !j.contains("device_id") || !j.contains("server_public_key") ||
      !PublicKey::from_hex(j.value("server_public_key", ""))) {
    fail(r, "bad_reply", "the enrollment reply cannot be read");
    return r;
  }
  auto tx = store_.begin();
  auto& s = store_.sync();
  s.set(tx, store::sync_key::kDeviceId, j["device_id"].get<std::string>());
  s.set(tx, store::sync_key::kVillage, j.value("village", ""));
  s.set(tx, store::sync_key::kServerUrl, server_url);
  s.set(tx, store::sync_key::kServerKey, j["server_public_key"].get<std::string>());
  tx.commit();
  r.ok = true;
  return r;
}

std::string SyncClient::next_envelope(const Identity& id, const std::string& kind, const std::string& text) {
  // Committed before anything is sent: after a crash the next envelope still gets a higher
  // counter, so the township never mistakes a retry for a replay.
  auto tx = store_.begin();
  // Never behind the clock either (milliseconds since 1970): a kiosk restored from an older
  // backup has a stored counter below what the township last accepted, and every envelope
  // was refused as replayed until it caught up by chance. Replay protection still rests on
  // the counter alone (the township refuses any not above the last it accepted); the clock
  // only puts a restored kiosk ahead again at once. A clock that went back changes nothing.
  const std::int64_t counter =
      std::max(store_.sync().get_int(store::sync_key::kSendCounter) + 1, clock_.unix_seconds() * 1000);
  store_.sync().set_int(tx, store::sync_key::kSendCounter, counter);
  tx.commit();
  EnvelopeHeader h{kProtocolVersion, kind, id.device_id, "township", static_cast<std::uint64_t>(counter)};
  return seal_envelope(h, text, key_, id.server_key);
}

std::optional<std::string> SyncClient::open_reply(db::Transaction& tx, const Identity& id, std::string_view bytes,
                                                  const std::string& kind, SyncReport& r) {
  EnvelopeError err{};
  const auto env = parse_envelope(bytes, &err);
  if (env && env->size == bytes.size() && env->header.from == "township" && env->header.to != id.device_id) {
    fail(r, "wrong_kiosk", "this answer is for another kiosk (" + env->header.to + "), not " + id.device_id);
    return std::nullopt;
  }
  if (!env || env->size != bytes.size() || env->header.from != "township" || env->header.to != id.device_id ||
      env->header.kind != kind) {
    fail(r, "bad_reply", "the reply envelope is malformed or not for this kiosk");
    return std::nullopt;
  }
  const auto text = open_envelope(*env, id.server_key, key_, &err);
  if (!text) {
    fail(r, "bad_reply_signature", "the reply failed its signature check");
    return std::nullopt;
  }
  auto& s = store_.sync();
  if (static_cast<std::int64_t>(env->header.counter) <= s.get_int(store::sync_key::kReplyCounter)) {
    fail(r, "replayed_reply", "a reply with an old counter was ignored");
    return std::nullopt;
  }
  s.set_int(tx, store::sync_key::kReplyCounter, static_cast<std::int64_t>(env->header.counter));
  return text;
}

std::optional<std::string> SyncClient::exchange(Transport& t, const std::string& body, SyncReport& r) {
  std::string error;
  r.bytes_sent += static_cast<std::int64_t>(body.size());
  const auto resp = t.post("/v1/sync", body, kEnvelopeType, &error);
  if (!resp) {
    fail(r, network_code(error), error);
    return std::nullopt;
  }
  r.bytes_received += static_cast<std::int64_t>(resp->body.size());
  if (resp->status != 200) {
    r.retry_after_s = resp->retry_after_s;
    const auto e = decode_error_reply(resp->body, nullptr);
    if (e)
      fail(r, "refused:" + e->code, e->message_en);
    else
      fail(r, "http_" + std::to_string(resp->status), "HTTP status " + std::to_string(resp->status));
    return std::nullopt;
  }
  return resp->body;
}

bool SyncClient::apply_push_reply(const Identity& id, std::string_view bytes, SyncReport& r) {
  auto tx = store_.begin();
  const auto text = open_reply(tx, id, bytes, "push-result", r);
  if (!text) return false;
  const auto reply = decode_push_reply(*text, nullptr);
  if (!reply) {
    fail(r, "bad_reply", "the reply content cannot be read");
    return false;
  }
  auto& s = store_.sync();
  for (const auto& res : reply->results) {
    if (res.outcome == OpOutcome::kAccepted) ++r.accepted;
    if (res.outcome == OpOutcome::kDuplicate) ++r.duplicates;
    if (res.outcome == OpOutcome::kRejected) {
      ++r.rejected;
      s.add_rejection(tx, res.seq, res.code, clock_.unix_seconds());
    }
  }
  // The township's word is final: if it holds less than we thought (restored from a backup),
  // we send again from there.
  s.set_int(tx, store::sync_key::kAckedSeq, reply->acked_seq);
  s.set_int(tx, store::sync_key::kClockOffset, clock_.unix_seconds() - reply->server_time);
  tx.commit();
  return true;
}

bool SyncClient::push(Transport& t, const Identity& id, SyncReport& r) {
  auto& s = store_.sync();
  int stalls = 0;
  for (;;) {
    const std::int64_t acked = s.get_int(store::sync_key::kAckedSeq);
    const auto ops = s.ops_after(acked, limits_.batch_ops);
    if (ops.empty() && r.pushed > 0) return true;
    PushBatch batch;
    for (const auto& o : ops) {
      const json payload = json::parse(o.payload, nullptr, false);
      batch.ops.push_back({o.op_id, o.seq, o.type, o.device_time, payload.is_discarded() ? json::object() : payload});
    }
    batch.pending_total = s.count_after(acked) - static_cast<std::int64_t>(ops.size());  // left after this batch
    batch.device_time = clock_.unix_seconds();
    if (heartbeat_due_ && make_heartbeat_) batch.heartbeat = make_heartbeat_();
    // An empty first batch is the hello that tells us where the township stands.
    const auto body = exchange(t, next_envelope(id, "push", encode(batch)), r);
    if (!body || !apply_push_reply(id, *body, r)) return false;
    if (batch.heartbeat) {
      heartbeat_due_ = false;
      if (heartbeat_sent_) heartbeat_sent_(*batch.heartbeat);
    }
    r.pushed += static_cast<int>(ops.size());
    if (ops.empty()) {
      if (s.get_int(store::sync_key::kAckedSeq) >= s.last_seq()) return true;
      continue;  // the township holds less than we thought: send from its position
    }
    if (s.get_int(store::sync_key::kAckedSeq) < ops.back().seq && ++stalls >= 2) {
      fail(r, "no_progress", "the township acknowledged nothing new twice");
      return false;
    }
  }
}

bool SyncClient::apply_pull_reply(const Identity& id, std::string_view bytes, SyncReport& r, bool* more) {
  auto tx = store_.begin();
  const auto text = open_reply(tx, id, bytes, "pull-result", r);
  if (!text) return false;
  const auto reply = decode_pull_reply(*text, nullptr);
  if (!reply) {
    fail(r, "bad_reply", "the reply content cannot be read");
    return false;
  }
  auto& s = store_.sync();
  const std::int64_t cursor = s.get_int(store::sync_key::kCursor);
  for (const auto& c : reply->changes) {
    if (s.applied(c.id)) continue;  // a re-download, or an old reply from a USB bundle
    ++r.pulled;
    if (!changes_.apply(tx, {c.id, c.scope, c.kind, c.key, c.payload.dump()})) ++r.conflicts;
    s.mark_applied(tx, c.id, c.scope);
  }
  const std::int64_t next = std::max(cursor, reply->next_cursor);
  s.set_int(tx, store::sync_key::kCursor, next);
  s.set_int(tx, store::sync_key::kClockOffset, clock_.unix_seconds() - reply->server_time);
  bool again = reply->more;
  // At the end of the log: does what we applied match what the township sent? If not (or if
  // township staff ordered it), download from the start; applied changes are skipped.
  if (!reply->more && !resynced_ && reply->next_cursor == next) {
    std::string why = reply->resync.empty() ? "" : reply->resync + ": ordered";
    for (const auto& [scope, sum] : reply->scopes) {
      const auto [count, id_sum] = s.applied_sum(scope, next);
      if (why.empty() && (count != sum.count || id_sum != sum.id_sum)) why = scope + ": checksum";
    }
    if (!why.empty()) {
      resynced_ = true;
      ++r.resyncs;
      s.set_int(tx, store::sync_key::kCursor, 0);
      s.set(tx, store::sync_key::kLastResync, why);
      again = true;
    }
  }
  tx.commit();
  if (more) *more = again;
  return true;
}

bool SyncClient::pull(Transport& t, const Identity& id, SyncReport& r) {
  for (bool more = true; more;) {
    const PullRequest req{store_.sync().get_int(store::sync_key::kCursor), limits_.pull_page, clock_.unix_seconds()};
    const auto body = exchange(t, next_envelope(id, "pull", encode(req)), r);
    if (!body || !apply_pull_reply(id, *body, r, &more)) return false;
  }
  return true;
}

void SyncClient::set_heartbeat(std::function<Heartbeat()> make, std::function<void(const Heartbeat&)> sent) {
  make_heartbeat_ = std::move(make);
  heartbeat_sent_ = std::move(sent);
}

SyncReport SyncClient::run_once(Transport& t) {
  SyncReport r;
  resynced_ = false;
  const auto id = identity();
  if (!id) {
    fail(r, "not_enrolled", "not enrolled with a township");
    return finish(r);
  }
  heartbeat_due_ = true;
  r.ok = push(t, *id, r) && pull(t, *id, r);
  // Applying township changes writes events of its own (a township reply is recorded and
  // reported back): send those now rather than a whole sync interval later.
  if (r.ok && store_.sync().count_after(store_.sync().get_int(store::sync_key::kAckedSeq)) > 0) r.ok = push(t, *id, r);
  return finish(r);
}

std::optional<std::string> SyncClient::export_bundle(std::string* error) {
  const auto id = identity();
  if (!id) {
    if (error) *error = "not enrolled with a township";
    return std::nullopt;
  }
  auto& s = store_.sync();
  std::vector<std::string> envelopes;
  std::int64_t after = s.get_int(store::sync_key::kAckedSeq);
  const std::int64_t pending = s.count_after(after);
  // Envelopes to build: the pushes (at least one) and the pull.
  const int total = static_cast<int>(std::max<std::int64_t>(1, (pending + limits_.batch_ops - 1) / limits_.batch_ops)) + 1;
  do {  // always at least one push: an empty one still reports the kiosk's health
    const auto ops = s.ops_after(after, limits_.batch_ops);
    PushBatch batch;
    for (const auto& o : ops) {
      const json payload = json::parse(o.payload, nullptr, false);
      batch.ops.push_back({o.op_id, o.seq, o.type, o.device_time, payload.is_discarded() ? json::object() : payload});
    }
    batch.pending_total = pending;
    batch.device_time = clock_.unix_seconds();
    // Health on the first envelope; crashes stay unreported (no acknowledgement comes back
    // through a bundle in time), so the next online round reports them again.
    if (envelopes.empty() && make_heartbeat_) batch.heartbeat = make_heartbeat_();
    envelopes.push_back(next_envelope(*id, "push", encode(batch)));
    if (progress_) progress_(static_cast<int>(envelopes.size()), total);
    if (ops.empty()) break;
    after = ops.back().seq;
  } while (s.count_after(after) > 0);
  envelopes.push_back(next_envelope(*id, "pull", encode(PullRequest{s.get_int(store::sync_key::kCursor),
                                                                     kBundlePullLimit, clock_.unix_seconds()})));
  if (progress_) progress_(static_cast<int>(envelopes.size()), static_cast<int>(envelopes.size()));
  return write_bundle(envelopes);
}

SyncReport SyncClient::import_bundle(std::string_view bytes) {
  if (bytes.rfind(kEnrollReplyMagic, 0) == 0) return import_enroll_reply(bytes);
  SyncReport r;
  if (bytes.rfind(kEnrollRequestMagic, 0) == 0) {
    fail(r, "wrong_file", "this is a kiosk's enrollment request: import it at the township");
    return r;
  }
  const auto id = identity();
  if (!id) {
    fail(r, "not_enrolled", "not enrolled with a township");
    return r;
  }
  if (!apply_bundle(*id, bytes, r)) return r;
  return finish(r);
}

bool SyncClient::apply_bundle(const Identity& id, std::string_view bytes, SyncReport& r) {
  std::string why;
  const auto envelopes = read_bundle(bytes, &why);
  if (!envelopes) {
    fail(r, "bad_bundle", why);
    return false;
  }
  r.ok = true;
  int done = 0;
  for (const auto& e : *envelopes) {
    if (progress_) progress_(done++, static_cast<int>(envelopes->size()));
    EnvelopeError err{};
    const auto env = parse_envelope(e, &err);
    const std::string& kind = env->header.kind;
    const bool ok = kind == "push-result" ? apply_push_reply(id, e, r)
                    : kind == "history"   ? apply_history(id, e, r)
                                          : apply_pull_reply(id, e, r, nullptr);
    if (!ok && r.error_code == "replayed_reply") {  // imported before: skip, change nothing
      ++r.already_imported;
      r.ok = true;
      r.error_code.clear();
      r.error_detail.clear();
      continue;
    }
    if (!ok) return false;  // nothing more applied after the first refusal
  }
  if (progress_) progress_(done, done);
  return true;
}

SyncHealth SyncClient::health() { return store_.sync().health(); }

}  // namespace vsk::sync
