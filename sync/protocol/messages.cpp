#include "sync/protocol/messages.h"

#include <sodium.h>

#include <set>

#include "sync/protocol/bounded_json.h"

namespace vsk::sync {
namespace {

using nlohmann::json;

// Reads fields with their JSON path in every error message.
class Reader {
 public:
  Reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {}

  const json& field(const char* name, json::value_t type) const {
    if (!j_.is_object()) throw std::runtime_error(path_.empty() ? "expected an object" : path_ + ": expected an object");
    const auto it = j_.find(name);
    const std::string where = path_.empty() ? name : path_ + "." + name;
    if (it == j_.end()) throw std::runtime_error(where + ": missing");
    const bool ok = type == json::value_t::number_integer ? it->is_number_integer()
                    : type == json::value_t::string       ? it->is_string()
                    : type == json::value_t::boolean      ? it->is_boolean()
                    : type == json::value_t::array        ? it->is_array()
                    : type == json::value_t::object       ? it->is_object()
                                                          : false;
    if (!ok) throw std::runtime_error(where + ": wrong type");
    return *it;
  }
  std::int64_t integer(const char* name) const { return field(name, json::value_t::number_integer).get<std::int64_t>(); }
  std::string text(const char* name) const { return field(name, json::value_t::string).get<std::string>(); }
  bool boolean(const char* name) const { return field(name, json::value_t::boolean).get<bool>(); }
  const json& array(const char* name) const { return field(name, json::value_t::array); }
  const json& object(const char* name) const { return field(name, json::value_t::object); }
  std::string at(const char* name, std::size_t i) const {
    return (path_.empty() ? "" : path_ + ".") + name + "[" + std::to_string(i) + "]";
  }

 private:
  const json& j_;
  std::string path_;
};

template <typename T, typename F>
std::optional<T> decode(std::string_view text, std::string* error, F&& read) {
  const auto j = parse_bounded_json(text, error);
  if (!j) return std::nullopt;
  try {
    return read(Reader(*j, ""), *j);
  } catch (const std::exception& e) {
    if (error) *error = e.what();
    return std::nullopt;
  }
}

// A kiosk's clock reading, unix seconds: from 1970 to the year ~36812. Beyond that it is no
// clock (INT64_MIN once gave the township a nonsense skew by overflowing the subtraction).
constexpr std::int64_t kMaxDeviceTime = std::int64_t{1} << 40;

std::int64_t device_time(const Reader& r, const std::string& where) {
  const std::int64_t t = r.integer("device_time");
  if (t < 0 || t > kMaxDeviceTime) throw std::runtime_error(where + "device_time: out of range");
  return t;
}

std::optional<OpOutcome> outcome_from(std::string_view s) {
  if (s == "accepted") return OpOutcome::kAccepted;
  if (s == "duplicate") return OpOutcome::kDuplicate;
  if (s == "rejected") return OpOutcome::kRejected;
  return std::nullopt;
}

// A JSON string literal of `s` (op ids and type names: ASCII; other bytes pass unchanged, as
// nlohmann's dump writes valid UTF-8).
void append_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    } else {
      out += ch;
    }
  }
  out += '"';
}

}  // namespace

std::string ops_digest(const std::vector<Operation>& ops) {
  crypto_generichash_state st;
  unsigned char out[16];
  crypto_generichash_init(&st, nullptr, 0, sizeof out);
  for (const auto& o : ops) {
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(o.op_id.data()), o.op_id.size());
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>("\n"), 1);
  }
  crypto_generichash_final(&st, out, sizeof out);
  char hex[sizeof out * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::optional<std::string> reply_mismatch(const PushBatch& sent, const PushReply& reply) {
  if (!reply.compact) {
    if (reply.results.size() != sent.ops.size())
      return std::to_string(reply.results.size()) + " results for " + std::to_string(sent.ops.size()) + " operations";
    for (std::size_t i = 0; i < sent.ops.size(); ++i)
      if (reply.results[i].op_id != sent.ops[i].op_id || reply.results[i].seq != sent.ops[i].seq)
        return "result " + std::to_string(i) + " is for " + reply.results[i].op_id + " (seq " +
               std::to_string(reply.results[i].seq) + "), sent " + sent.ops[i].op_id;
    return std::nullopt;
  }
  if (reply.answered != static_cast<std::int64_t>(sent.ops.size()))
    return "answered " + std::to_string(reply.answered) + " of " + std::to_string(sent.ops.size()) + " operations";
  if (reply.ops_digest != ops_digest(sent.ops)) return "the digest of the op ids differs from the operations sent";
  std::set<std::int64_t> seqs;
  for (const auto& o : sent.ops) seqs.insert(o.seq);
  for (const auto& r : reply.results)
    if (!seqs.count(r.seq)) return "a result for seq " + std::to_string(r.seq) + ", which was not sent";
  if (reply.results.size() > sent.ops.size()) return "more results than operations";
  return std::nullopt;
}

std::string_view outcome_name(OpOutcome o) {
  switch (o) {
    case OpOutcome::kAccepted: return "accepted";
    case OpOutcome::kDuplicate: return "duplicate";
    case OpOutcome::kRejected: return "rejected";
  }
  return "rejected";
}

std::string encode(const PushBatch& m) {
  // Written directly, not through a json tree: a batch of 1,000 operations was ~18 ms of the
  // kiosk's CPU as a tree (bench/sync_bench), most of it building and freeing the tree.
  std::string out;
  std::size_t size = 96;
  for (const auto& o : m.ops) size += 80 + o.op_id.size() + o.type.size() + o.payload_text.size();
  out.reserve(size);
  out += "{\"ops\":[";
  for (std::size_t i = 0; i < m.ops.size(); ++i) {
    const Operation& o = m.ops[i];
    out += i ? ",{\"op_id\":" : "{\"op_id\":";
    append_string(out, o.op_id);
    out += ",\"seq\":";
    out += std::to_string(o.seq);
    out += ",\"type\":";
    append_string(out, o.type);
    out += ",\"device_time\":";
    out += std::to_string(o.device_time);
    out += ",\"payload\":";
    out += o.payload_text.empty() ? o.payload.dump() : o.payload_text;
    out += '}';
  }
  out += "],\"pending_total\":";
  out += std::to_string(m.pending_total);
  out += ",\"device_time\":";
  out += std::to_string(m.device_time);
  if (m.heartbeat) {
    out += ",\"heartbeat\":";
    out += heartbeat_json(*m.heartbeat).dump();
  }
  if (m.compact_reply) out += ",\"compact_reply\":true";
  out += '}';
  return out;
}

std::string encode(const PushReply& m) {
  json results = json::array();
  for (const auto& r : m.results) {
    if (m.compact && r.outcome == OpOutcome::kAccepted) continue;  // counted in "answered"
    json one{{"seq", r.seq}, {"outcome", outcome_name(r.outcome)}, {"code", r.code}, {"message_zh", r.message_zh}};
    if (!m.compact) one["op_id"] = r.op_id;
    results.push_back(std::move(one));
  }
  json j{{"results", results}, {"acked_seq", m.acked_seq}, {"server_time", m.server_time}};
  if (m.compact) {
    j["answered"] = m.answered;
    j["ops_digest"] = m.ops_digest;
  }
  return j.dump();
}

std::string encode(const PullRequest& m) {
  return json{{"cursor", m.cursor}, {"limit", m.limit}, {"device_time", m.device_time}}.dump();
}

std::string encode(const PullReply& m) {
  json changes = json::array();
  for (const auto& c : m.changes)
    changes.push_back({{"id", c.id}, {"scope", c.scope}, {"kind", c.kind}, {"key", c.key}, {"payload", c.payload}});
  json scopes = json::object();
  for (const auto& [scope, sum] : m.scopes) scopes[scope] = {{"count", sum.count}, {"id_sum", sum.id_sum}};
  return json{{"changes", changes},       {"next_cursor", m.next_cursor}, {"more", m.more},
              {"server_time", m.server_time}, {"scopes", scopes},         {"resync", m.resync}}
      .dump();
}

std::string encode(const ErrorReply& m) {
  return json{{"code", m.code}, {"message_zh", m.message_zh}, {"message_en", m.message_en}}.dump();
}

std::optional<PushBatch> decode_push_batch(std::string_view text, std::string* error) {
  return decode<PushBatch>(text, error, [](const Reader& r, const json& j) {
    PushBatch m;
    const json& ops = r.array("ops");
    for (std::size_t i = 0; i < ops.size(); ++i) {
      const Reader o(ops[i], r.at("ops", i));
      // Any JSON payload passes here: the township refuses a bad one for that operation only,
      // so one broken record never blocks the batch.
      if (!ops[i].is_object() || !ops[i].contains("payload"))
        throw std::runtime_error(r.at("ops", i) + ".payload: missing");
      Operation op{o.text("op_id"), o.integer("seq"), o.text("type"), device_time(o, r.at("ops", i) + "."), ops[i]["payload"]};
      if (op.seq < 1) throw std::runtime_error(r.at("ops", i) + ".seq: must be 1 or more");
      if (op.op_id.empty() || op.type.empty()) throw std::runtime_error(r.at("ops", i) + ": empty op_id or type");
      m.ops.push_back(std::move(op));
    }
    m.pending_total = r.integer("pending_total");
    m.device_time = device_time(r, "");
    if (j.contains("heartbeat")) m.heartbeat = heartbeat_from_json(j["heartbeat"]);  // older kiosks send none
    if (j.contains("compact_reply")) m.compact_reply = r.boolean("compact_reply");  // ...nor this
    return m;
  });
}

std::optional<PushReply> decode_push_reply(std::string_view text, std::string* error) {
  return decode<PushReply>(text, error, [](const Reader& r, const json& j) {
    PushReply m;
    m.compact = j.contains("ops_digest");
    if (m.compact) {
      m.ops_digest = r.text("ops_digest");
      m.answered = r.integer("answered");
    }
    const json& results = r.array("results");
    for (std::size_t i = 0; i < results.size(); ++i) {
      const Reader o(results[i], r.at("results", i));
      const auto outcome = outcome_from(o.text("outcome"));
      if (!outcome) throw std::runtime_error(r.at("results", i) + ".outcome: unknown");
      if (m.compact && *outcome == OpOutcome::kAccepted)
        throw std::runtime_error(r.at("results", i) + ".outcome: accepted in a compact reply");
      m.results.push_back({m.compact ? std::string() : o.text("op_id"), o.integer("seq"), *outcome, o.text("code"),
                           o.text("message_zh")});
    }
    m.acked_seq = r.integer("acked_seq");
    m.server_time = r.integer("server_time");
    return m;
  });
}

std::optional<PullRequest> decode_pull_request(std::string_view text, std::string* error) {
  return decode<PullRequest>(text, error, [](const Reader& r, const json&) {
    PullRequest m{r.integer("cursor"), static_cast<int>(r.integer("limit")), device_time(r, "")};
    if (m.cursor < 0 || m.limit < 1 || m.limit > 1000) throw std::runtime_error("cursor or limit out of range");
    return m;
  });
}

std::optional<PullReply> decode_pull_reply(std::string_view text, std::string* error) {
  return decode<PullReply>(text, error, [](const Reader& r, const json&) {
    PullReply m;
    const json& changes = r.array("changes");
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const Reader c(changes[i], r.at("changes", i));
      m.changes.push_back({c.integer("id"), c.text("scope"), c.text("kind"), c.text("key"), c.object("payload")});
    }
    m.next_cursor = r.integer("next_cursor");
    m.more = r.boolean("more");
    m.server_time = r.integer("server_time");
    for (const auto& [scope, sum] : r.object("scopes").items()) {
      const Reader s(sum, "scopes." + scope);
      m.scopes[scope] = ScopeSum{s.integer("count"), s.integer("id_sum")};
    }
    m.resync = r.text("resync");
    return m;
  });
}

std::optional<ErrorReply> decode_error_reply(std::string_view text, std::string* error) {
  return decode<ErrorReply>(text, error, [](const Reader& r, const json&) {
    return ErrorReply{r.text("code"), r.text("message_zh"), r.text("message_en")};
  });
}

}  // namespace vsk::sync
