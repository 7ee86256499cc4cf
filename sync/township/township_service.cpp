#include "sync/township/township_service.h"

#include <set>

namespace vsk::township {
namespace {

using nlohmann::json;
using sync::OpOutcome;
using sync::OpResult;

constexpr int kEnrollCodeLength = 12;

StoredOp rejected(const std::string& code, const std::string& zh) { return StoredOp{"rejected", code, zh, ""}; }

// Operation types the township understands, and what must be in their payloads.
const std::set<std::string>& known_types() {
  static const std::set<std::string> k = {"request.submitted", "request.event", "request.rated",
                                          "points.entry",      "notice.comment", "sync.ping"};
  return k;
}

std::string text_field(const json& p, const char* name) {
  const auto it = p.find(name);
  return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Reply error_reply(int status, const std::string& code, const std::string& zh, const std::string& en) {
  return Reply{status, sync::encode(sync::ErrorReply{code, zh, en}), "application/json", code};
}

TownshipService::TownshipService(TownshipStore& store, platform::Clock& clock, sync::SigningKey key)
    : store_(store), clock_(clock), key_(std::move(key)) {}

std::string TownshipService::create_enroll_code(const std::string& village, int valid_days) {
  const std::string code = sync::random_code(kEnrollCodeLength);
  const std::int64_t now = clock_.unix_seconds();
  db::Transaction tx(store_.db());
  const std::int64_t v = store_.village_id(tx, village);
  store_.add_enroll_code(tx, sync::blake2b_hex(code), v, now, now + std::int64_t{valid_days} * 86400);
  tx.commit();
  return code;
}

Reply TownshipService::enroll(std::string_view body) {
  const json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("code") || !j["code"].is_string() ||
      !j.contains("public_key") || !j["public_key"].is_string())
    return error_reply(400, "bad_request", "注册请求格式不正确", "malformed enrollment request");
  const auto pk = sync::PublicKey::from_hex(j["public_key"].get<std::string>());
  if (!pk) return error_reply(400, "bad_request", "终端公钥格式不正确", "malformed public key");
  const std::string name = j.value("name", "");
  const std::string device_id = sync::random_uuid();
  const std::int64_t now = clock_.unix_seconds();
  db::Transaction tx(store_.db());
  const auto village = store_.take_enroll_code(tx, sync::blake2b_hex(j["code"].get<std::string>()), device_id, now);
  if (!village)
    return error_reply(403, "bad_enroll_code", "注册码无效、已使用或已过期，请向乡镇索取新的注册码",
                       "enrollment code is invalid, used or expired");
  try {
    Device d;
    d.id = device_id;
    d.village_id = *village;
    d.public_key_hex = pk->hex();
    d.name = name;
    d.enrolled_at = now;
    store_.add_device(tx, d);
  } catch (const db::DbError&) {
    return error_reply(409, "key_in_use", "该终端密钥已注册过", "this kiosk key is already enrolled");
  }
  tx.commit();
  const auto d = store_.device(device_id);
  return Reply{200, json{{"device_id", device_id}, {"village", d->village}, {"server_public_key", key_.public_key.hex()}}.dump(),
               "application/json", ""};
}

Reply TownshipService::handle_envelope(std::string_view bytes) {
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
  const auto device = store_.device(env->header.from);
  if (!device) return error_reply(401, "unknown_device", "终端未注册，请先注册", "unknown kiosk");
  const auto pk = sync::PublicKey::from_hex(device->public_key_hex);
  const auto json_text = sync::open_envelope(*env, *pk, key_, &err);
  if (!json_text)
    return error_reply(401, std::string(sync::envelope_error_code(err)), "签名校验失败，已拒收",
                       "signature or encryption check failed");
  if (device->revoked_at)
    return error_reply(403, "revoked", "该终端已被乡镇停用，请联系乡镇", "this kiosk has been revoked");
  if (static_cast<std::int64_t>(env->header.counter) <= device->last_counter)
    return error_reply(409, "replayed", "重复的同步请求，已忽略", "replayed envelope");
  if (env->header.kind == "push") return handle_push(*device, env->header, *json_text);
  if (env->header.kind == "pull") return handle_pull(*device, env->header, *json_text);
  return error_reply(400, "bad_kind", "未知的同步请求类型", "unknown envelope kind");
}

Reply TownshipService::handle_push(const Device& d, const sync::EnvelopeHeader& h, std::string_view text) {
  std::string why;
  const auto batch = sync::decode_push_batch(text, &why);
  if (!batch) return error_reply(400, "bad_batch", "同步批次格式不正确：" + why, "malformed batch: " + why);
  const std::int64_t now = clock_.unix_seconds();
  // The whole batch, the counter and the reply counter commit together: a crash anywhere
  // leaves either all of it or none, and the kiosk's retry is answered the same way.
  db::Transaction tx(store_.db());
  sync::PushReply reply;
  for (const auto& op : batch->ops) reply.results.push_back(apply_op(tx, d, op));
  reply.acked_seq = store_.advance_acked(tx, d.id);
  reply.server_time = now;
  store_.note_contact(tx, d.id, static_cast<std::int64_t>(h.counter), now, batch->device_time - now,
                      batch->pending_total);
  Reply r = sealed_reply(tx, d, "push-result", sync::encode(reply));
  tx.commit();
  return r;
}

OpResult TownshipService::apply_op(db::Transaction& tx, const Device& d, const sync::Operation& op) {
  OpResult out{op.op_id, op.seq, OpOutcome::kAccepted, "", ""};
  if (const auto seen = store_.op_by_id(op.op_id)) {  // a retry: the original answer
    out.outcome = seen->outcome == "accepted" ? OpOutcome::kDuplicate : OpOutcome::kRejected;
    out.code = seen->code;
    out.message_zh = seen->message_zh;
    return out;
  }
  StoredOp result{"accepted", "", "", op.op_id};
  if (store_.op_by_seq(d.id, op.seq)) {
    // Same place in the sequence, different operation: the kiosk lost its state (restored
    // from an old backup?). Never overwrite; tell the clerk.
    out.outcome = OpOutcome::kRejected;
    out.code = "seq_conflict";
    out.message_zh = "序号冲突：乡镇已收到该序号的另一条记录，请联系乡镇核对";
    return out;
  }
  if (!op.payload.is_object()) {
    result = rejected("bad_payload", "记录内容格式不正确");
  } else if (!known_types().count(op.type)) {
    result = rejected("unknown_type", "乡镇无法识别该操作类型（" + op.type + "），请升级终端软件");
  } else if (op.type.rfind("request.", 0) == 0) {
    const std::string number = text_field(op.payload, "number");
    if (number.empty()) {
      result = rejected("bad_payload", "记录缺少办件编号");
    } else {
      const std::string kind = text_field(op.payload, "kind");
      const std::string status = text_field(op.payload, "status");
      const json detail = op.payload.contains("detail") ? op.payload["detail"] : json::object();
      store_.upsert_request(tx, d.village_id, number, text_field(op.payload, "service_id"),
                            status.empty() ? "submitted" : status, text_field(op.payload, "department"),
                            kind == "escalate" && detail.is_object() ? detail.dump() : "{}", op.seq,
                            clock_.unix_seconds());
    }
  }
  store_.add_op(tx, d.id, op.seq, op.op_id, op.type, op.payload.dump(), op.device_time, clock_.unix_seconds(), result);
  if (result.outcome == "rejected") {
    out.outcome = OpOutcome::kRejected;
    out.code = result.code;
    out.message_zh = result.message_zh;
  }
  return out;
}

Reply TownshipService::handle_pull(const Device& d, const sync::EnvelopeHeader& h, std::string_view text) {
  std::string why;
  const auto req = sync::decode_pull_request(text, &why);
  if (!req) return error_reply(400, "bad_pull", "下载请求格式不正确：" + why, "malformed pull: " + why);
  const std::int64_t now = clock_.unix_seconds();
  db::Transaction tx(store_.db());
  sync::PullReply reply;
  auto rows = store_.changes_after(d.village_id, req->cursor, req->limit + 1);
  reply.more = static_cast<int>(rows.size()) > req->limit;
  if (reply.more) rows.pop_back();
  for (auto& r : rows) {
    json payload = json::parse(r.payload, nullptr, false);
    reply.changes.push_back({r.id, r.scope, r.kind, r.key, payload.is_discarded() ? json::object() : payload});
  }
  reply.next_cursor = rows.empty() ? req->cursor : rows.back().id;
  reply.server_time = now;
  for (const auto& [scope, sum] : store_.scope_sums(d.village_id, reply.next_cursor))
    reply.scopes[scope] = sync::ScopeSum{sum.first, sum.second};
  if (req->cursor == 0)
    store_.clear_resync(tx, d.id);  // downloading from the start: the order is being carried out
  else
    reply.resync = store_.pending_resync(d.id);
  store_.note_contact(tx, d.id, static_cast<std::int64_t>(h.counter), now, req->device_time - now, std::nullopt);
  Reply r = sealed_reply(tx, d, "pull-result", sync::encode(reply));
  tx.commit();
  return r;
}

Reply TownshipService::sealed_reply(db::Transaction& tx, const Device& d, const std::string& kind,
                                    const std::string& text) {
  sync::EnvelopeHeader h{sync::kProtocolVersion, kind, "township", d.id,
                         static_cast<std::uint64_t>(store_.next_reply_counter(tx, d.id))};
  return Reply{200, sync::seal_envelope(h, text, key_, *sync::PublicKey::from_hex(d.public_key_hex)),
               "application/octet-stream", ""};
}

std::vector<TownshipRequest> TownshipService::escalations() { return store_.requests_with_status("escalated"); }

std::string TownshipService::reply_to_request(const std::string& village, const std::string& number,
                                              const std::string& text) {
  const auto r = store_.request(village, number);
  if (!r) return "no such request: " + village + " " + number;
  if (r->status != "escalated") return "request " + number + " is not escalated (status " + r->status + ")";
  if (text.empty()) return "the reply text is empty";
  const std::int64_t now = clock_.unix_seconds();
  db::Transaction tx(store_.db());
  const auto v = store_.find_village(village);
  store_.add_change(tx, *v, "requests", "request.township_reply", number,
                    json{{"number", number}, {"note", text}, {"department", r->department}, {"at", now}}.dump(), now);
  // Not escalated any more from the township's point of view; the kiosk's own event (with a
  // higher sequence) will bring the exact status.
  tx.db().prepare("UPDATE requests SET status = 'township_replied' WHERE village_id = ? AND number = ?")
      .bind(1, *v).bind(2, number).run();
  tx.commit();
  return "";
}

std::int64_t TownshipService::publish_notice(const std::optional<std::string>& village, const json& notice) {
  const std::int64_t now = clock_.unix_seconds();
  db::Transaction tx(store_.db());
  std::optional<std::int64_t> v;
  if (village) v = store_.village_id(tx, *village);
  const std::string id = notice.value("id", sync::random_uuid());
  json payload = notice;
  payload["id"] = id;
  payload["published_at"] = now;
  const std::int64_t change = store_.add_change(tx, v, "notices", "notices.published", id, payload.dump(), now);
  tx.commit();
  return change;
}

std::int64_t TownshipService::publish_points_entry(const std::string& village, const json& entry) {
  const std::int64_t now = clock_.unix_seconds();
  db::Transaction tx(store_.db());
  const std::int64_t v = store_.village_id(tx, village);
  json payload = entry;
  payload["at"] = now;
  const std::int64_t change = store_.add_change(tx, v, "points", "points.entry", sync::random_uuid(), payload.dump(), now);
  tx.commit();
  return change;
}

std::int64_t TownshipService::publish_document(const std::string& scope, const json& document) {
  const std::int64_t now = clock_.unix_seconds();
  db::Transaction tx(store_.db());
  const std::int64_t change =
      store_.add_change(tx, std::nullopt, scope, scope + ".replaced", scope, document.dump(), now);
  tx.commit();
  return change;
}

std::int64_t TownshipService::withdraw_notice(const std::string& notice_id) {
  const std::int64_t now = clock_.unix_seconds();
  db::Transaction tx(store_.db());
  // The same audience as the notice itself: the latest publication of that id.
  std::optional<std::int64_t> village;
  json payload = json::object();
  for (const auto& row : store_.changes_by_key("notices", notice_id)) {
    village = row.village_id;
    payload = json::parse(row.payload, nullptr, false);
  }
  if (payload.is_discarded() || payload.empty()) return 0;
  payload["withdrawn"] = true;
  const std::int64_t change = store_.add_change(tx, village, "notices", "notices.withdrawn", notice_id, payload.dump(), now);
  tx.commit();
  return change;
}

bool TownshipService::order_resync(const std::string& device_id, const std::string& scope) {
  db::Transaction tx(store_.db());
  const bool ok = store_.order_resync(tx, device_id, scope);
  tx.commit();
  return ok;
}

bool TownshipService::revoke(const std::string& device_id) {
  db::Transaction tx(store_.db());
  const bool changed = store_.revoke(tx, device_id, clock_.unix_seconds());
  tx.commit();
  return changed;
}

std::string TownshipService::create_admin_token(const std::string& label) {
  const std::string token = sync::random_code(32);
  db::Transaction tx(store_.db());
  store_.add_admin_token(tx, sync::blake2b_hex(token), label, clock_.unix_seconds());
  tx.commit();
  return token;
}

bool TownshipService::admin_token_valid(const std::string& token) {
  return !token.empty() && store_.admin_token_known(sync::blake2b_hex(token));
}

json TownshipService::stats() {
  json kiosks = json::array();
  for (const auto& d : store_.devices()) {
    json k{{"device_id", d.id},       {"village", d.village},          {"name", d.name},
           {"enrolled_at", d.enrolled_at}, {"acked_seq", d.acked_seq}, {"pending_reported", d.pending_reported},
           {"revoked", d.revoked_at.has_value()}};
    k["last_contact"] = d.last_contact ? json(*d.last_contact) : json(nullptr);
    k["clock_skew_s"] = d.clock_skew_s ? json(*d.clock_skew_s) : json(nullptr);
    kiosks.push_back(k);
  }
  return json{{"kiosks", kiosks}, {"operations", store_.op_count()}, {"escalated", escalations().size()},
              {"server_time", clock_.unix_seconds()}};
}

}  // namespace vsk::township
