// What the envelopes carry: JSON messages of the sync protocol, with strict decoders (a
// message with a missing or wrongly typed field is refused as a whole, with the field named).
//
// push: the kiosk sends outbox operations in device sequence order; the server answers one
//       result per operation and the highest sequence number it holds without gaps
//       (acked_seq). An empty push is the "hello" that tells the kiosk where to resume.
//       A kiosk that asks for it (PushBatch::compact_reply) is answered compactly: results
//       only for the operations not accepted, by seq, and a digest of the batch's op ids in
//       place of every op id (issue 18: the op ids were half of the reply's bytes).
// pull: the kiosk asks for the village's changes after its cursor; the server answers a page
//       and the cursor to store with it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/protocol/heartbeat.h"

namespace vsk::sync {

struct Operation {
  std::string op_id;           // UUID, unique across all devices
  std::int64_t seq = 0;        // per-device, 1, 2, 3... without gaps
  std::string type;            // "request.submitted", "request.event", "request.rated", ...
  std::int64_t device_time = 0;  // unix seconds on the kiosk's clock: shown, never used to order
  nlohmann::json payload = nlohmann::json::object();
  // The kiosk's stored payload, JSON text already checked (SyncClient::wire_op): encode()
  // writes it as it is instead of `payload` (no parse and dump of every operation).
  std::string payload_text{};
};

struct PushBatch {
  std::vector<Operation> ops;
  std::int64_t pending_total = 0;  // operations the kiosk holds beyond this batch (health)
  std::int64_t device_time = 0;    // the kiosk's clock when it sent this (clock-skew check)
  std::optional<Heartbeat> heartbeat;  // the first batch of a round carries the kiosk's health
  // This kiosk reads compact replies. Townships before issue 18 ignore the field and answer
  // in full (the kiosk reads both); kiosks before it never send it and get full replies.
  bool compact_reply = false;
};

enum class OpOutcome { kAccepted, kDuplicate, kRejected };

struct OpResult {
  std::string op_id;
  std::int64_t seq = 0;
  OpOutcome outcome = OpOutcome::kAccepted;
  std::string code;        // rejected: stable reason code
  std::string message_zh;  // rejected: for the clerk, in plain Chinese
};

struct PushReply {
  std::vector<OpResult> results;  // compact: only the operations not accepted, op_id empty
  std::int64_t acked_seq = 0;
  std::int64_t server_time = 0;
  // Compact replies: how many operations the township answered and ops_digest() of their op
  // ids in the order received. A full reply (compact false) has one result per operation,
  // each with its op id.
  bool compact = false;
  std::int64_t answered = 0;
  std::string ops_digest{};
};

// BLAKE2b-128 (hex) over the op ids of `ops` in order: what a compact reply answers.
std::string ops_digest(const std::vector<Operation>& ops);
// Does `reply` answer exactly the operations of `sent` (count, op ids in order, seqs)?
// nullopt when it does; else what differs.
std::optional<std::string> reply_mismatch(const PushBatch& sent, const PushReply& reply);

struct PullRequest {
  std::int64_t cursor = 0;
  int limit = 200;
  std::int64_t device_time = 0;
};

struct Change {
  std::int64_t id = 0;     // the server's change-log position
  std::string scope;       // "requests", "notices", "catalog", "points_rules"
  std::string kind;        // "request.township_reply", "notices.published", ...
  std::string key;         // what it is about: a request number, a notice id...
  nlohmann::json payload = nlohmann::json::object();
};

// A cheap fingerprint of one scope's changes up to a cursor: how many and the sum of their
// ids. A kiosk whose applied changes give another fingerprint has missed one (or was restored
// from an old backup) and downloads the scope again.
struct ScopeSum {
  std::int64_t count = 0;
  std::int64_t id_sum = 0;
  bool operator==(const ScopeSum&) const = default;
};

struct PullReply {
  std::vector<Change> changes;
  std::int64_t next_cursor = 0;
  bool more = false;
  std::int64_t server_time = 0;
  std::map<std::string, ScopeSum> scopes;  // per scope, over all changes up to next_cursor
  std::string resync;                      // township staff ordered a re-download of this scope
};

// Plain (unsealed) JSON body of a refused HTTP request or enrollment.
struct ErrorReply {
  std::string code;        // "bad_signature", "revoked", "replayed", "upgrade_needed", ...
  std::string message_zh;
  std::string message_en;
};

std::string_view outcome_name(OpOutcome o);

std::string encode(const PushBatch& m);
std::string encode(const PushReply& m);
std::string encode(const PullRequest& m);
std::string encode(const PullReply& m);
std::string encode(const ErrorReply& m);

// Each fills `error` with the first problem ("ops[3].seq: expected an integer") on failure.
std::optional<PushBatch> decode_push_batch(std::string_view json, std::string* error);
std::optional<PushReply> decode_push_reply(std::string_view json, std::string* error);
std::optional<PullRequest> decode_pull_request(std::string_view json, std::string* error);
std::optional<PullReply> decode_pull_reply(std::string_view json, std::string* error);
std::optional<ErrorReply> decode_error_reply(std::string_view json, std::string* error);

}  // namespace vsk::sync
