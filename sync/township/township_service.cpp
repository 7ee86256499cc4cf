#include "sync/township/township_service.h"

#include "sync/township/store/heartbeat_store.h"
#include "sync/township/store/notice_publication_store.h"
#include "sync/township/request_update.h"

#include <map>
#include <set>

#include "core/notice.h"
#include "crypto/blake2b.h"
#include "sync/protocol/bounded_json.h"

namespace vsk::township {
namespace {

using nlohmann::json;
using sync::OpOutcome;
using sync::OpResult;

constexpr int kRetryAfterSeconds = 5;

StoredOp rejected(const std::string& code, const std::string& zh) { return StoredOp{"rejected", code, zh, "", 0}; }

// Operation types the township understands, and what must be in their payloads.
const std::set<std::string>& known_types() {
  static const std::set<std::string> k = {"request.submitted", "request.event", "request.rated",
                                          "request.followup_done", "points.entry",  "notice.comment",
                                          "sync.ping",          "residents.upserted",   "notice.published"};
  return k;
}

// A village published a 村务公开 notice (kiosk NoticeService::publish): its category and when,
// for the overview's cadence alert. nullopt: the payload does not say both.
struct NoticeNote {
  std::string category;
  std::int64_t at = 0;
};
std::optional<NoticeNote> notice_note(const json& p) {
  const auto at = p.find("published_at");
  const auto category = p.find("category");
  if (at == p.end() || !at->is_number_integer() || category == p.end() || !category->is_string()) return std::nullopt;
  if (!core::notice_category_from_name(category->get<std::string>())) return std::nullopt;
  return NoticeNote{category->get<std::string>(), at->get<std::int64_t>()};
}

std::string text_field(const json& p, const char* name) {
  const auto it = p.find(name);
  return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A stored answer given again: a retry learns what the first delivery was told.
// What a kiosk's seq holds when its operation's id is held elsewhere: a copy of this
// township's operation, or a refusal of another township's (TownshipService::apply_batch).
std::string copy_mark(const std::string& device, const std::string& op_id) { return "copy:" + device + ":" + op_id; }
std::string conflict_mark(const std::string& device, const std::string& op_id) { return "conflict:" + device + ":" + op_id; }
constexpr const char* kOpIdConflictZh = "记录编号冲突：乡镇已收到同编号的另一条记录，请联系乡镇核对";

OpResult original_answer(const sync::Operation& op, const StoredOp& seen) {
  return OpResult{op.op_id, op.seq, seen.outcome == "accepted" ? OpOutcome::kDuplicate : OpOutcome::kRejected,
                  seen.code, seen.message_zh};
}

// Checked on the first look-up and again under the kiosk's row lock.
std::optional<Reply> refusal(const Device& d, const sync::EnvelopeHeader& h) {
  if (d.revoked_at) return error_reply(403, "revoked", "该终端已被乡镇停用，请联系乡镇", "this kiosk has been revoked");
  if (static_cast<std::int64_t>(h.counter) <= d.last_counter)
    return error_reply(409, "replayed", "重复的同步请求，已忽略", "replayed envelope");
  return std::nullopt;
}

}  // namespace

Reply error_reply(int status, const std::string& code, const std::string& zh, const std::string& en) {
  return Reply{status, sync::encode(sync::ErrorReply{code, zh, en}), "application/json", code, 0, ""};
}

Reply busy_reply(int retry_after_s) {
  Reply r = error_reply(503, "busy", "乡镇服务器繁忙，请稍后自动重试", "the township server is busy; try again shortly");
  r.retry_after_s = retry_after_s;
  return r;
}

Reply storage_failure(const StoreError& e) {
  Reply r = e.kind() == StoreError::Kind::kUnavailable || e.kind() == StoreError::Kind::kRetryable
                ? busy_reply(kRetryAfterSeconds)
                : error_reply(500, "storage_error", "乡镇服务器存储出错，请联系乡镇", "the township server could not store this");
  r.log_detail = e.what();
  return r;
}

TownshipService::TownshipService(TownshipStore& store, platform::Clock& clock, sync::SigningKey key)
    : store_(store), clock_(clock), key_(std::move(key)) {}

std::optional<Scope> TownshipService::admin_scope(const std::string& token) {
  const auto caller = admin_caller(token);
  if (!caller) return std::nullopt;
  return caller->scope;
}

std::optional<TownshipService::AdminCaller> TownshipService::admin_caller(const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::optional<CredentialStore::AdminTokenOwner> owner;
  {
    Tx tx = store_.read(Scope::lookup());
    owner = store_.credentials().admin_token_owner(tx, platform::blake2b256_hex(token));
  }
  if (!owner) return std::nullopt;
  Actor actor = owner->user_id ? Actor{owner->login, owner->user_id} : Actor{kSharedTokenActor, std::nullopt};
  auto scope = store_.scope_of(owner->place_id);
  if (!scope) return std::nullopt;
  return AdminCaller{std::move(*scope), std::move(actor)};
}

Reply TownshipService::enroll(std::string_view body) {
  const json j = sync::parse_bounded_json(body, nullptr, sync::kMaxHeaderBytes).value_or(json());
  if (!j.is_object() || !j.contains("code") || !j["code"].is_string() ||
      !j.contains("public_key") || !j["public_key"].is_string())
    return error_reply(400, "bad_request", "注册请求格式不正确", "malformed enrollment request");
  const auto pk = sync::PublicKey::from_hex(j["public_key"].get<std::string>());
  if (!pk) return error_reply(400, "bad_request", "终端公钥格式不正确", "malformed public key");
  if (j.contains("name") && !j["name"].is_string())
    return error_reply(400, "bad_request", "注册请求格式不正确", "name is not text");
  const std::string name = j.value("name", "");
  const std::string code_hash = platform::blake2b256_hex(j["code"].get<std::string>());
  const std::string device_id = sync::random_uuid();
  const std::int64_t now = clock_.unix_seconds();
  try {
    // The code says which township and village: a look-up before any tenant is known.
    return store_.write_retrying(Scope::lookup(), [&](Tx& tx) {
      const auto target = store_.credentials().take_enroll_code(tx, code_hash, device_id, now);
      if (!target)
        return error_reply(403, "bad_enroll_code", "注册码无效、已使用或已过期，请向乡镇索取新的注册码",
                           "enrollment code is invalid, used or expired");
      if (auto refused = add_device(tx, *target, device_id, pk->hex(), name, now)) return *refused;
      const auto village = store_.places().find(tx, target->village_id);
      tx.commit();
      return Reply{200,
                   json{{"device_id", device_id}, {"village", village ? village->name : ""},
                        {"server_public_key", key_.public_key.hex()}}.dump(),
                   "application/json", "", 0, ""};
    });
  } catch (const StoreError& e) {
    return storage_failure(e);
  }
}

std::optional<Reply> TownshipService::add_device(Tx& tx, const EnrollTarget& target, const std::string& id,
                                                const std::string& public_key_hex, const std::string& name,
                                                std::int64_t now) {
  Device d;
  d.id = id;
  d.township_id = target.township_id;
  d.village_id = target.village_id;
  d.public_key_hex = public_key_hex;
  d.name = name;
  d.enrolled_at = now;
  try {
    store_.devices().add(tx, d);
  } catch (const StoreError& e) {
    if (e.kind() != StoreError::Kind::kConstraint) throw;
    return error_reply(409, "key_in_use", "该终端密钥已注册过", "this kiosk key is already enrolled");
  }
  return std::nullopt;
}

Reply TownshipService::handle_envelope(std::string_view bytes, EnvelopeTally* tally) {
  try {
    return handle_envelope_unguarded(bytes, tally);
  } catch (const StoreError& e) {
    return storage_failure(e);
  }
}

Reply TownshipService::handle_envelope_unguarded(std::string_view bytes, EnvelopeTally* tally) {
  sync::EnvelopeError err{};
  const auto env = sync::parse_envelope(bytes, &err);
  if (!env) {
    if (err == sync::EnvelopeError::kUnsupportedProtocol)
      return error_reply(426, "upgrade_needed", "终端软件版本过旧或过新，请升级后再同步",
                         "protocol version not supported: upgrade the kiosk software");
    return error_reply(400, std::string(sync::envelope_error_code(err)), "同步数据格式不正确，已拒收",
                       "malformed envelope");
  }
  if (env->size != bytes.size())
    return error_reply(400, "trailing_bytes", "同步数据格式不正确，已拒收", "unexpected bytes after the envelope");
  if (env->header.to != "township")
    return error_reply(400, "wrong_recipient", "同步数据不是发给乡镇的", "envelope not addressed to the township");
  std::optional<Device> device;
  {
    Tx tx = store_.read(Scope::lookup());  // which kiosk, and so which township
    device = store_.devices().find(tx, env->header.from);
  }
  if (!device) return error_reply(401, "unknown_device", "终端未注册，请先注册", "unknown kiosk");
  const auto pk = sync::PublicKey::from_hex(device->public_key_hex);
  // Signatures and decryption before any write transaction: junk never holds a lock.
  const auto json_text = sync::open_envelope(*env, *pk, key_, &err);
  if (!json_text)
    return error_reply(401, std::string(sync::envelope_error_code(err)), "签名校验失败，已拒收",
                       "signature or encryption check failed");
  if (auto refused = refusal(*device, env->header)) return *refused;
  if (tally) tally->device_id = device->id;
  if (env->header.kind == "push") return handle_push(*device, env->header, *json_text, tally);
  if (env->header.kind == "pull") return handle_pull(*device, env->header, *json_text, tally);
  return error_reply(400, "bad_kind", "未知的同步请求类型", "unknown envelope kind");
}

Reply TownshipService::handle_push(const Device& seen, const sync::EnvelopeHeader& h, std::string_view text,
                                   EnvelopeTally* tally) {
  std::string why;
  const auto batch = sync::decode_push_batch(text, &why);
  if (!batch) return error_reply(400, "bad_batch", "同步批次格式不正确：" + why, "malformed batch: " + why);
  const std::int64_t now = clock_.unix_seconds();
  // The whole batch, the counter and the reply counter commit together: a crash anywhere
  // leaves either all of it or none, and the kiosk's retry is answered the same way.
  Reply answer = store_.write_retrying(Scope::township(seen.township_id), [&](Tx& tx) {
    const auto d = store_.devices().lock(tx, seen.id);
    if (!d) return error_reply(401, "unknown_device", "终端未注册，请先注册", "unknown kiosk");
    if (auto refused = refusal(*d, h)) return *refused;
    sync::PushReply reply;
    apply_batch(tx, *d, batch->ops, reply.results, now);
    if (batch->compact_reply) {  // results only for what was not accepted, and the op ids' digest
      reply.compact = true;
      reply.answered = static_cast<std::int64_t>(batch->ops.size());
      reply.ops_digest = sync::ops_digest(batch->ops);
    }
    reply.acked_seq = store_.devices().advance_acked(tx, d->id);
    reply.server_time = now;
    const std::int64_t counter = store_.devices().note_contact(
        tx, d->id, static_cast<std::int64_t>(h.counter), now, batch->device_time - now, batch->pending_total);
    if (batch->heartbeat)
      HeartbeatStore(store_.dialect())
          .record(tx, d->township_id, d->id, static_cast<std::int64_t>(h.counter), now,
                  sync::heartbeat_json(*batch->heartbeat).dump());
    Reply r = sealed_reply(*d, counter, "push-result", sync::encode(reply));
    tx.commit();
    return r;
  });
  if (tally && answer.ok()) tally->ops += static_cast<int>(batch->ops.size());
  return answer;
}

void TownshipService::apply_batch(Tx& tx, const Device& d, const std::vector<sync::Operation>& ops,
                                  std::vector<OpResult>& results, std::int64_t now) {
  results.clear();
  if (ops.empty()) return;
  // What the township holds already where this batch falls in the kiosk's sequence: a
  // retried batch is answered from here without a query per operation.
  std::int64_t lo = ops.front().seq, hi = ops.front().seq;
  for (const auto& op : ops) lo = std::min(lo, op.seq), hi = std::max(hi, op.seq);
  std::map<std::int64_t, StoredOp> by_seq;
  std::map<std::string, StoredOp> by_id;
  for (auto& s : store_.ops().device_range(tx, d.id, lo, hi)) {
    by_id[s.op_id] = s;
    by_seq[s.seq] = std::move(s);
  }
  // New operations wait here and are written together (a few multi-row statements instead
  // of two per operation). An operation that repeats a waiting one's op id or seq first
  // writes the waiting ones, so that it is answered as if each had been written alone.
  struct Waiting {
    std::size_t result_index;
    std::optional<RequestUpdate> request;
    std::optional<NoticeNote> notice;
  };
  std::vector<NewOp> rows;
  std::vector<StoredOp> row_results;
  std::vector<Waiting> waiting;
  std::set<std::string> waiting_ids;
  std::set<std::int64_t> waiting_seqs;
  const auto write_waiting = [&] {
    if (rows.empty()) return;
    const std::vector<bool> stored = store_.ops().add_all(tx, rows, row_results);
    std::vector<RequestUpdate> requests;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const StoredOp& result = row_results[i];
      OpResult& answer = results[waiting[i].result_index];
      if (!stored[i]) {
        // The op id is held under another seq or by another kiosk. Either way this kiosk's seq
        // is marked, so its acked_seq moves on (with nothing held there it stayed at the gap
        // for good: no_progress at every round).
        const auto seen = store_.ops().by_id(tx, result.op_id);
        // Held by another kiosk of this township: copies of one prepared data dir, each
        // enrolled on its own, all send the operations filed before the copy. The township
        // has it: answered as the original was. Held by another township (a kiosk enrolled
        // again elsewhere, a bundle carried to the wrong township): refused, never taken for
        // this township's duplicate.
        const StoredOp mark = seen ? StoredOp{"accepted", "", "", copy_mark(d.id, result.op_id), result.seq}
                                   : StoredOp{"rejected", "op_id_conflict", kOpIdConflictZh, conflict_mark(d.id, result.op_id),
                                              result.seq};
        if (store_.ops().add(tx, {d.township_id, d.id, result.seq, mark.op_id, seen ? "sync.copy" : "sync.conflict",
                                  json{{seen ? "copy_of" : "conflicts_with", result.op_id}}.dump(), rows[i].device_time, now},
                             mark))
          by_seq[result.seq] = mark;
        answer = seen ? original_answer(ops[waiting[i].result_index], *seen)
                      : OpResult{result.op_id, result.seq, OpOutcome::kRejected, mark.code, mark.message_zh};
        continue;
      }
      by_id[result.op_id] = result;
      by_seq[result.seq] = result;
      if (result.outcome == "accepted" && waiting[i].request) requests.push_back(std::move(*waiting[i].request));
      if (result.outcome == "accepted" && waiting[i].notice)
        NoticePublicationStore(store_.dialect())
            .note(tx, d.township_id, d.village_id, waiting[i].notice->category, waiting[i].notice->at);
      answer = result.outcome == "accepted"
                   ? OpResult{result.op_id, result.seq, OpOutcome::kAccepted, "", ""}
                   : OpResult{result.op_id, result.seq, OpOutcome::kRejected, result.code, result.message_zh};
    }
    store_.requests().upsert_all(tx, requests);
    rows.clear();
    row_results.clear();
    waiting.clear();
    waiting_ids.clear();
    waiting_seqs.clear();
  };
  for (const auto& op : ops) {
    if (waiting_ids.count(op.op_id) || waiting_seqs.count(op.seq)) write_waiting();
    if (const auto it = by_id.find(op.op_id); it != by_id.end()) {
      results.push_back(original_answer(op, it->second));
      continue;
    }
    if (by_seq.count(op.seq)) {
      // Same place in the sequence, different operation: the kiosk lost its state (restored
      // from an old backup?). Never overwrite; tell the clerk. (Unless the op is held under
      // another seq: then it is a retry, answered as before.)
      if (const auto seen = store_.ops().by_id(tx, op.op_id)) {
        results.push_back(original_answer(op, *seen));
      } else if (const StoredOp& held = by_seq.at(op.seq); held.op_id == conflict_mark(d.id, op.op_id)) {
        results.push_back({op.op_id, op.seq, OpOutcome::kRejected, held.code, held.message_zh});  // refused before
      } else {
        results.push_back({op.op_id, op.seq, OpOutcome::kRejected, "seq_conflict",
                           "序号冲突：乡镇已收到该序号的另一条记录，请联系乡镇核对"});
      }
      continue;
    }
    StoredOp result{"accepted", "", "", op.op_id, op.seq};
    std::optional<RequestUpdate> request;
    std::optional<NoticeNote> notice;
    if (!op.payload.is_object()) {
      result = rejected("bad_payload", "记录内容格式不正确");
    } else if (!known_types().count(op.type)) {
      result = rejected("unknown_type", "乡镇无法识别该操作类型（" + op.type + "），请升级终端软件");
    } else if (op.type.rfind("request.", 0) == 0) {
      const std::string number = text_field(op.payload, "number");
      if (number.empty()) {
        result = rejected("bad_payload", "记录缺少办件编号");
      } else {
        request = request_update(d.township_id, d.village_id, op.type, op.payload, op.seq, op.device_time, now);
      }
    } else if (op.type == "notice.published") {
      notice = notice_note(op.payload);
      if (!notice) result = rejected("bad_payload", "公开记录缺少类别或发布时间");
    }
    result.op_id = op.op_id;
    result.seq = op.seq;
    rows.push_back({d.township_id, d.id, op.seq, op.op_id, op.type, op.payload.dump(), op.device_time, now});
    row_results.push_back(result);
    waiting.push_back({results.size(), std::move(request), std::move(notice)});
    waiting_ids.insert(op.op_id);
    waiting_seqs.insert(op.seq);
    results.push_back({});  // answered by write_waiting()
  }
  write_waiting();
}

Reply TownshipService::handle_pull(const Device& seen, const sync::EnvelopeHeader& h, std::string_view text,
                                   EnvelopeTally* tally) {
  std::string why;
  const auto req = sync::decode_pull_request(text, &why);
  if (!req) return error_reply(400, "bad_pull", "下载请求格式不正确：" + why, "malformed pull: " + why);
  const std::int64_t now = clock_.unix_seconds();
  int changes = 0;
  Reply answer = store_.write_retrying(Scope::township(seen.township_id), [&](Tx& tx) {
    const auto d = store_.devices().lock(tx, seen.id);
    if (!d) return error_reply(401, "unknown_device", "终端未注册，请先注册", "unknown kiosk");
    if (auto refused = refusal(*d, h)) return *refused;
    sync::PullReply reply = pull_page(tx, *d, req->cursor, req->limit, now);
    changes = static_cast<int>(reply.changes.size());
    if (req->cursor == 0)
      store_.devices().clear_resync(tx, d->id);  // downloading from the start: the order is being carried out
    else
      reply.resync = store_.devices().pending_resync(tx, d->id);
    const std::int64_t counter = store_.devices().note_contact(tx, d->id, static_cast<std::int64_t>(h.counter), now,
                                                               req->device_time - now, std::nullopt);
    Reply r = sealed_reply(*d, counter, "pull-result", sync::encode(reply));
    r.close_connection = !reply.more;  // the last page ends the round: minutes pass before the next
    tx.commit();
    return r;
  });
  if (tally && answer.ok()) tally->changes += changes;
  return answer;
}

sync::PullReply TownshipService::pull_page(Tx& tx, const Device& d, std::int64_t cursor, int limit, std::int64_t now) {
  sync::PullReply reply;
  auto rows = store_.changes().after(tx, d.township_id, d.village_id, cursor, limit + 1);
  reply.more = static_cast<int>(rows.size()) > limit;
  if (reply.more) rows.pop_back();
  for (auto& r : rows) {
    // Bounded even here: a document stored before the admin API checked nesting must not
    // take the server down at every pull (the kiosk records the empty payload as a conflict).
    auto payload = sync::parse_bounded_json(r.payload, nullptr);
    reply.changes.push_back({r.id, r.scope, r.kind, r.key, payload ? std::move(*payload) : json::object()});
  }
  reply.next_cursor = rows.empty() ? cursor : rows.back().id;
  reply.server_time = now;
  for (const auto& [scope, sum] : store_.changes().scope_sums(tx, d.township_id, d.village_id, reply.next_cursor))
    reply.scopes[scope] = sync::ScopeSum{sum.first, sum.second};
  return reply;
}

Reply TownshipService::sealed_reply(const Device& d, std::int64_t counter, const std::string& kind,
                                    const std::string& text) {
  sync::EnvelopeHeader h{sync::kProtocolVersion, kind, "township", d.id, static_cast<std::uint64_t>(counter)};
  return Reply{200, sync::seal_envelope(h, text, key_, *sync::PublicKey::from_hex(d.public_key_hex)),
               "application/octet-stream", "", 0, ""};
}

}  // namespace vsk::township
