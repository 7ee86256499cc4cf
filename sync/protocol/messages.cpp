#include "sync/protocol/messages.h"

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

}  // namespace

std::string_view outcome_name(OpOutcome o) {
  switch (o) {
    case OpOutcome::kAccepted: return "accepted";
    case OpOutcome::kDuplicate: return "duplicate";
    case OpOutcome::kRejected: return "rejected";
  }
  return "rejected";
}

std::string encode(const PushBatch& m) {
  json ops = json::array();
  for (const auto& o : m.ops)
    ops.push_back({{"op_id", o.op_id}, {"seq", o.seq}, {"type", o.type}, {"device_time", o.device_time},
                   {"payload", o.payload}});
  json j{{"ops", ops}, {"pending_total", m.pending_total}, {"device_time", m.device_time}};
  if (m.heartbeat) j["heartbeat"] = heartbeat_json(*m.heartbeat);
  return j.dump();
}

std::string encode(const PushReply& m) {
  json results = json::array();
  for (const auto& r : m.results)
    results.push_back({{"op_id", r.op_id}, {"seq", r.seq}, {"outcome", outcome_name(r.outcome)}, {"code", r.code},
                       {"message_zh", r.message_zh}});
  return json{{"results", results}, {"acked_seq", m.acked_seq}, {"server_time", m.server_time}}.dump();
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
    return m;
  });
}

std::optional<PushReply> decode_push_reply(std::string_view text, std::string* error) {
  return decode<PushReply>(text, error, [](const Reader& r, const json&) {
    PushReply m;
    const json& results = r.array("results");
    for (std::size_t i = 0; i < results.size(); ++i) {
      const Reader o(results[i], r.at("results", i));
      const auto outcome = outcome_from(o.text("outcome"));
      if (!outcome) throw std::runtime_error(r.at("results", i) + ".outcome: unknown");
      m.results.push_back({o.text("op_id"), o.integer("seq"), *outcome, o.text("code"), o.text("message_zh")});
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
