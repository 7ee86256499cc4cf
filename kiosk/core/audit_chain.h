// The audit trail's hash chain, as pure rules: the canonical bytes an entry is hashed over
// and the walk that checks a chain. The hash function is passed in (the store uses libsodium's
// BLAKE2b-256), so this file stays standard-library only.
//
// Chain: entry N's `hash` = H(canonical(entry N)), where canonical() covers seq, at,
// staff_id, actor, action, target, detail and prev_hash (not hash itself); entry N's
// `prev_hash` is entry N-1's `hash`, and entry 1's is 64 zeros. Seqs run 1, 2, 3... without
// gaps. Changing, removing or inserting an entry therefore breaks the chain at that point.
// Limits: anyone who can write the file and knows this scheme can rebuild the whole chain,
// and dropping the newest entries leaves a shorter valid chain; compare the entry count (and
// the last hash) with an earlier copy to catch that.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vsk::core {

// prev_hash of the first entry.
inline const std::string kAuditGenesisHash(64, '0');

// One stored audit entry.
struct AuditRecord {
  std::int64_t seq = 0;
  std::int64_t at = 0;                     // unix seconds
  std::optional<std::int64_t> staff_id;    // the logged-in staff member who acted, if any
  std::string actor;                       // staff number, or "system" / "kioskctl"
  std::string action;                      // "login", "request.accept", "export", ...
  std::string target;                      // staff number, request number, "resident:<id>", ...
  std::string detail;
  std::string prev_hash;                   // lowercase hex
  std::string hash;                        // lowercase hex
};

// Hex (lowercase) digest of the bytes; the store passes BLAKE2b-256.
using AuditHashFn = std::function<std::string(std::string_view)>;

// The bytes hashed for an entry: "vsk-audit-v1" then each field as a netstring
// (`<byte length>:<bytes>,`) in the order seq, at, staff_id, actor, action, target, detail,
// prev_hash. Integers in decimal; a missing staff_id is the empty string. Unambiguous:
// no two different entries give the same bytes.
std::string audit_canonical(const AuditRecord& r);

// H(audit_canonical(r)).
std::string audit_hash(const AuditRecord& r, const AuditHashFn& hash);

// Replaces runs of 7 or more digits (an ID number may end in X) with "***", so a phone or ID
// number typed into a free-text note never reaches the audit trail. Request numbers
// (QS1-1123-017), staff numbers and internal ids are shorter and pass through.
std::string audit_redact(std::string_view text);

enum class AuditProblem {
  kNone,
  kAltered,    // the entry's contents no longer match its hash
  kDeleted,    // seq gap: entries before this one are missing
  kInserted,   // prev_hash does not match the previous entry's hash (inserted or chain rewritten)
  kReordered,  // seq out of order or repeated
};

std::string_view audit_problem_name(AuditProblem p);

struct AuditVerifyResult {
  bool ok = true;
  std::int64_t entries = 0;          // entries checked (all of them when ok)
  std::optional<std::int64_t> bad_seq;  // the first entry where the chain breaks
  AuditProblem problem = AuditProblem::kNone;
  std::string reason;                // one line for people, naming the entry
};

// The walk every hash chain here shares (the audit trail, the points ledger): entries come
// as seq 1, 2, 3..., each naming the previous entry's hash and matching its own. Fed one entry
// at a time in stored order, so a long chain need not fit in memory; stops judging at the
// first problem.
class ChainWalk {
 public:
  // `computed`: the hash of the entry's canonical bytes. false once the chain is broken.
  bool add(std::int64_t seq, const std::string& prev_hash, const std::string& hash, const std::string& computed);
  const AuditVerifyResult& result() const { return result_; }

 private:
  void fail(std::int64_t seq, AuditProblem p, std::string reason);
  std::int64_t expected_seq_ = 1;
  std::string expected_prev_ = kAuditGenesisHash;
  AuditVerifyResult result_;
};

// The audit trail's chain.
class AuditChainVerifier {
 public:
  explicit AuditChainVerifier(AuditHashFn hash) : hash_(std::move(hash)) {}
  // false once the chain is broken (this entry or an earlier one).
  bool add(const AuditRecord& r) {
    return walk_.result().ok && walk_.add(r.seq, r.prev_hash, r.hash, audit_hash(r, hash_));
  }
  const AuditVerifyResult& result() const { return walk_.result(); }

 private:
  AuditHashFn hash_;
  ChainWalk walk_;
};

// The whole chain at once (entries as stored, expected in seq order). Tells a reordering
// (the missing seq comes later) from a deletion.
AuditVerifyResult verify_audit_chain(const std::vector<AuditRecord>& entries, const AuditHashFn& hash);

}  // namespace vsk::core
