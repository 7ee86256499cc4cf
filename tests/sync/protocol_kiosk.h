// A kiosk at the protocol level only: its key and envelope counter; it seals pushes and
// pulls and opens the township's answers. No kiosk database behind it: for township tests
// (exactly-once races, tenants) and the burst benchmark, where the server is under test.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/protocol/envelope.h"
#include "sync/protocol/keys.h"
#include "sync/protocol/messages.h"

namespace vsk::test_support {

class ProtocolKiosk {
 public:
  explicit ProtocolKiosk(sync::PublicKey server) : server_(std::move(server)) {}
  ProtocolKiosk(const ProtocolKiosk&) = delete;

  sync::SigningKey key = sync::SigningKey::generate();
  std::string device;

  // The body of POST /v1/enroll.
  std::string enroll_body(const std::string& code) const {
    return nlohmann::json{{"code", code}, {"public_key", key.public_key.hex()}, {"name", "protocol kiosk"}}.dump();
  }
  // Takes the device id from a 200 enrollment answer.
  bool enrolled(int status, const std::string& body) {
    if (status != 200) return false;
    device = nlohmann::json::parse(body).value("device_id", "");
    return !device.empty();
  }
  // A sealed envelope with the next counter (safe from several threads).
  std::string envelope(const std::string& kind, const std::string& json, const sync::SigningKey* signer = nullptr) {
    return sync::seal_envelope(sync::EnvelopeHeader{sync::kProtocolVersion, kind, device, "township", ++counter_},
                               json, signer ? *signer : key, server_);
  }
  std::string push(std::vector<sync::Operation> ops, std::int64_t pending = 0, const sync::SigningKey* signer = nullptr) {
    sync::PushBatch b;
    b.ops = std::move(ops);
    b.pending_total = pending;
    return envelope("push", sync::encode(b), signer);
  }
  std::string pull(std::int64_t cursor, int limit = 200) {
    return envelope("pull", sync::encode(sync::PullRequest{cursor, limit, 0}));
  }
  std::optional<sync::PushReply> open_push(const std::string& body) const {
    const auto text = open(body, "push-result");
    return text ? sync::decode_push_reply(*text, nullptr) : std::nullopt;
  }
  std::optional<sync::PullReply> open_pull(const std::string& body) const {
    const auto text = open(body, "pull-result");
    return text ? sync::decode_pull_reply(*text, nullptr) : std::nullopt;
  }
  // A new request filed at the kiosk, as the kiosk's outbox sends it.
  static sync::Operation op(std::int64_t seq, const std::string& id, const std::string& number = "QS1-1123-001") {
    return sync::Operation{id, seq, "request.submitted", 0, {{"number", number}, {"service_id", "residence_certificate"}}};
  }

 private:
  std::optional<std::string> open(const std::string& body, const std::string& kind) const {
    sync::EnvelopeError e{};
    const auto env = sync::parse_envelope(body, &e);
    if (!env || env->header.kind != kind || env->header.to != device) return std::nullopt;
    return sync::open_envelope(*env, server_, key, &e);
  }
  sync::PublicKey server_;
  std::atomic<std::uint64_t> counter_{0};
};

}  // namespace vsk::test_support
