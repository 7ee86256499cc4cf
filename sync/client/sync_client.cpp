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
constexpr const char* kClonedDetail =
    "this data directory was enrolled on another machine and copied here; two kiosks must not sync under one "
    "identity. Ask the township for an enrollment code and run: kioskctl enroll --fresh --server URL --code CODE "
    "(operations filed on this machine are kept and sent under the new identity). If the disk was moved here and "
    "the old machine is gone for good, run kioskctl claim-identity instead";

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

void SyncClient::bind_to_host(std::string host_fingerprint, std::string key_path) {
  host_ = std::move(host_fingerprint);
  key_path_ = std::move(key_path);
}

bool SyncClient::copied_here() {
  const auto bound = store_.sync().get(store::sync_key::kBoundHost);
  return !host_.empty() && bound && *bound != host_;
}

bool SyncClient::on_enrolled_host(SyncReport& r) {
  if (host_.empty()) return true;
  auto& s = store_.sync();
  if (!s.get(store::sync_key::kBoundHost)) {  // enrolled before identities were bound: bound here now
    auto tx = store_.begin();
    s.set(tx, store::sync_key::kBoundHost, host_);
    tx.commit();
    return true;
  }
  if (!copied_here()) return true;
  if (!s.get(store::sync_key::kCloneBase)) {  // nothing filed here yet: everything so far is the original's
    auto tx = store_.begin();
    s.set_int(tx, store::sync_key::kCloneBase, s.last_seq());
    tx.commit();
  }
  fail(r, "cloned", kClonedDetail);
  return false;
}

bool SyncClient::claim_identity(std::string* error) {
  if (!identity() || host_.empty()) {
    if (error) *error = "this kiosk is not enrolled";
    return false;
  }
  if (!copied_here()) {
    if (error) *error = "this kiosk is enrolled on this machine already";
    return false;
  }
  auto tx = store_.begin();
  store_.sync().set(tx, store::sync_key::kBoundHost, host_);
  store_.sync().remove(tx, store::sync_key::kCloneBase);
  tx.commit();
  return true;
}

SyncReport SyncClient::enroll(Transport& t, const std::string& server_url, const std::string& code,
                              const std::string& name, bool fresh) {
  SyncReport r;
  const bool enrolled = identity().has_value();
  if (enrolled && !fresh) {
    fail(r, "already_enrolled", "this kiosk is already enrolled");
    return r;
  }
  if (enrolled && !copied_here()) {
    fail(r, "already_enrolled", "this kiosk is enrolled on this machine; --fresh is only for a data directory copied "
                                "from another kiosk");
    return r;
  }
  // A key of its own for every enrollment: a data dir copied before it enrolled carries the
  // same key as its original, and the township refuses a key twice ("key_in_use").
  if (!key_path_.empty()) key_ = SigningKey::create_replacing(key_path_);
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
  if (!host_.empty()) s.set(tx, store::sync_key::kBoundHost, host_);
  if (enrolled) {
    // A copy enrolled afresh: its own operations are those after the copy (kCloneBase), sent
    // as 1, 2, 3... of the new identity; counters and cursor start over with the new one.
    const std::int64_t base = s.get_int(store::sync_key::kCloneBase, s.last_seq());
    s.set_int(tx, store::sync_key::kSeqBase, base);
    s.set_int(tx, store::sync_key::kAckedSeq, base);
    s.set_int(tx, store::sync_key::kSeqFloor, 0);
    s.set_int(tx, store::sync_key::kSendCounter, 0);
    s.set_int(tx, store::sync_key::kReplyCounter, 0);
    s.set_int(tx, store::sync_key::kCursor, 0);
    s.remove(tx, store::sync_key::kCloneBase);
    s.remove(tx, store::sync_key::kLastErrorCode);
    s.remove(tx, store::sync_key::kLastErrorDetail);
  }
  tx.commit();
  r.ok = true;
  return r;
}

Operation SyncClient::wire_op(const store::OutboxOp& o, std::int64_t base) {
  // The stored text goes out as it is once it is known to be JSON (checked without building
  // a tree); anything else is sent as {}, as it was before.
  Operation op{o.op_id, o.seq - base, o.type, o.device_time, json::object()};
  op.payload_text = json::accept(o.payload) ? o.payload : "{}";
  return op;
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

bool SyncClient::apply_push_reply(const Identity& id, std::string_view bytes, SyncReport& r, const PushBatch* sent) {
  auto tx = store_.begin();
  const auto text = open_reply(tx, id, bytes, "push-result", r);
  if (!text) return false;
  const auto reply = decode_push_reply(*text, nullptr);
  if (!reply) {
    fail(r, "bad_reply", "the reply content cannot be read");
    return false;
  }
  // Nothing is marked acknowledged from an answer about other operations than those sent.
  if (const auto why = sent ? reply_mismatch(*sent, *reply)
                            : reply->compact ? std::optional<std::string>("a compact answer in a USB bundle")
                                             : std::nullopt) {
    fail(r, "bad_reply", "the township's answer does not match the operations sent: " + *why);
    return false;
  }
  if (reply->compact) r.accepted += static_cast<int>(reply->answered - static_cast<std::int64_t>(reply->results.size()));
  auto& s = store_.sync();
  const std::int64_t base = s.get_int(store::sync_key::kSeqBase);
  const std::int64_t acked = reply->acked_seq + base;
  // The township holds operations of ours past the last we have (restored from an older
  // backup): new ones are numbered after its record, never into it.
  if (acked > s.last_seq() && acked > s.get_int(store::sync_key::kSeqFloor))
    s.set_int(tx, store::sync_key::kSeqFloor, acked);
  for (const auto& res : reply->results) {
    if (res.outcome == OpOutcome::kAccepted) ++r.accepted;
    if (res.outcome == OpOutcome::kDuplicate) ++r.duplicates;
    if (res.outcome != OpOutcome::kRejected) continue;
    const std::int64_t seq = res.seq + base;
    if (res.code == "seq_conflict") {
      // The township has another operation under this number, one filed after the backup this
      // kiosk was restored from. Ours is filed again past the township's record: both kept.
      if (const auto op = s.op(seq)) {
        s.enqueue(tx, op->type, op->payload, op->device_time);
        ++r.refiled;
        continue;
      }
    }
    ++r.rejected;
    s.add_rejection(tx, seq, res.code, clock_.unix_seconds());
  }
  // The township's word is final: if it holds less than we thought (restored from a backup),
  // we send again from there.
  s.set_int(tx, store::sync_key::kAckedSeq, acked);
  s.set_int(tx, store::sync_key::kClockOffset, clock_.unix_seconds() - reply->server_time);
  tx.commit();
  return true;
}

bool SyncClient::push(Transport& t, const Identity& id, SyncReport& r) {
  auto& s = store_.sync();
  int stalls = 0;
  // Highest seq the township has seen from this kiosk as far as it knows. When the township
  // acknowledges past it (its record of operations filed after the backup this kiosk was
  // restored from), the operations in between are sent once anyway: the township answers
  // "duplicate" for those it has and seq_conflict for new ones that reused a number.
  std::int64_t seen = s.get_int(store::sync_key::kAckedSeq);
  for (;;) {
    const std::int64_t acked = s.get_int(store::sync_key::kAckedSeq);
    const std::int64_t from = std::min(acked, seen);
    const auto ops = s.ops_after(from, limits_.batch_ops);
    if (ops.empty() && r.pushed > 0) return true;
    const std::int64_t base = s.get_int(store::sync_key::kSeqBase);
    PushBatch batch;
    for (const auto& o : ops) batch.ops.push_back(wire_op(o, base));
    if (!ops.empty()) seen = std::max(seen, ops.back().seq);
    batch.pending_total = s.count_after(from) - static_cast<std::int64_t>(ops.size());  // left after this batch
    batch.device_time = clock_.unix_seconds();
    if (heartbeat_due_ && make_heartbeat_) batch.heartbeat = make_heartbeat_();
    batch.compact_reply = true;
    // An empty first batch is the hello that tells us where the township stands.
    const auto body = exchange(t, next_envelope(id, "push", encode(batch)), r);
    if (!body || !apply_push_reply(id, *body, r, &batch)) return false;
    if (batch.heartbeat) {
      heartbeat_due_ = false;
      if (heartbeat_sent_) heartbeat_sent_(*batch.heartbeat);
    }
    r.pushed += static_cast<int>(ops.size());
    if (ops.empty()) {
      if (std::min(s.get_int(store::sync_key::kAckedSeq), seen) >= s.last_seq()) return true;
      continue;  // the township holds less (or more) than we thought: send from there
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
  if (!on_enrolled_host(r)) return finish(r);
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
  SyncReport refused;
  if (!on_enrolled_host(refused)) {
    if (error) *error = refused.error_detail;
    return std::nullopt;
  }
  auto& s = store_.sync();
  std::vector<std::string> envelopes;
  std::int64_t after = s.get_int(store::sync_key::kAckedSeq);
  const std::int64_t pending = s.count_after(after);
  const std::int64_t base = s.get_int(store::sync_key::kSeqBase);
  // Envelopes to build: the pushes (at least one) and the pull.
  const int total = static_cast<int>(std::max<std::int64_t>(1, (pending + limits_.batch_ops - 1) / limits_.batch_ops)) + 1;
  do {  // always at least one push: an empty one still reports the kiosk's health
    const auto ops = s.ops_after(after, limits_.batch_ops);
    PushBatch batch;
    for (const auto& o : ops) batch.ops.push_back(wire_op(o, base));
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
