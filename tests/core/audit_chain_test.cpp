#include "core/audit_chain.h"

#include <gtest/gtest.h>

#include <cstdio>

using namespace vsk::core;

namespace {

// A stand-in for BLAKE2b: FNV-1a 64, hex. The chain rules do not depend on which hash.
std::string fnv_hex(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

// Seals `r` onto the end of `chain` the way the store does.
void append(std::vector<AuditRecord>& chain, AuditRecord r) {
  r.seq = chain.empty() ? 1 : chain.back().seq + 1;
  r.prev_hash = chain.empty() ? kAuditGenesisHash : chain.back().hash;
  r.hash = audit_hash(r, fnv_hex);
  chain.push_back(std::move(r));
}

std::vector<AuditRecord> chain_of(int n) {
  std::vector<AuditRecord> chain;
  for (int i = 1; i <= n; ++i)
    append(chain, {0, 1795399200 + i * 60, i % 2 ? std::optional<std::int64_t>(2) : std::nullopt, "0002",
                   "request.accept", "QS1-1123-00" + std::to_string(i), "note:" + std::to_string(i), "", ""});
  return chain;
}

}  // namespace

TEST(AuditChain, GenesisIs64Zeros) {
  EXPECT_EQ(kAuditGenesisHash, std::string(64, '0'));
  EXPECT_EQ(chain_of(1).front().prev_hash, kAuditGenesisHash);
}

TEST(AuditChain, CanonicalFormIsUnambiguous) {
  AuditRecord a{7, 100, 3, "0001", "login", "0001", "", kAuditGenesisHash, ""};
  EXPECT_EQ(audit_canonical(a), "vsk-audit-v1" "1:7," "3:100," "1:3," "4:0001," "5:login," "4:0001," "0:," "64:" +
                                    kAuditGenesisHash + ",");
  // Moving bytes from one field to the next, or a missing staff id vs. staff id 0, changes it.
  AuditRecord b = a;
  b.actor = "0001l";
  b.action = "ogin";
  EXPECT_NE(audit_canonical(a), audit_canonical(b));
  AuditRecord c = a, d = a;
  c.staff_id.reset();
  d.staff_id = 0;
  EXPECT_NE(audit_canonical(c), audit_canonical(d));
  // The stored hash itself is not hashed.
  AuditRecord e = a;
  e.hash = "anything";
  EXPECT_EQ(audit_canonical(a), audit_canonical(e));
}

TEST(AuditChain, AnIntactChainVerifies) {
  const auto r = verify_audit_chain(chain_of(6), fnv_hex);
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.entries, 6);
  EXPECT_FALSE(r.bad_seq);
  EXPECT_TRUE(verify_audit_chain({}, fnv_hex).ok);
}

TEST(AuditChain, DetectsAnAlteredEntry) {
  auto chain = chain_of(6);
  chain[2].detail = "note:changed";
  const auto r = verify_audit_chain(chain, fnv_hex);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 3);
  EXPECT_EQ(r.problem, AuditProblem::kAltered);
  EXPECT_NE(r.reason.find("entry 3"), std::string::npos) << r.reason;
  EXPECT_EQ(r.entries, 2);
}

TEST(AuditChain, DetectsAnAlteredEntryWhoseHashWasRecomputed) {
  auto chain = chain_of(6);
  chain[2].at += 3600;
  chain[2].hash = audit_hash(chain[2], fnv_hex);  // resealed, but entry 4 still points at the old hash
  const auto r = verify_audit_chain(chain, fnv_hex);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 4);
  EXPECT_EQ(r.problem, AuditProblem::kInserted);
}

TEST(AuditChain, DetectsADeletedEntry) {
  auto chain = chain_of(6);
  chain.erase(chain.begin() + 2);
  const auto r = verify_audit_chain(chain, fnv_hex);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 3);
  EXPECT_EQ(r.problem, AuditProblem::kDeleted);
  EXPECT_NE(r.reason.find("entry 3 is missing"), std::string::npos) << r.reason;
}

TEST(AuditChain, DetectsADeletedFirstEntry) {
  auto chain = chain_of(3);
  chain.erase(chain.begin());
  const auto r = verify_audit_chain(chain, fnv_hex);
  EXPECT_EQ(r.bad_seq, 1);
  EXPECT_EQ(r.problem, AuditProblem::kDeleted);
}

TEST(AuditChain, DetectsADeletionHiddenByRenumbering) {
  auto chain = chain_of(6);
  chain.erase(chain.begin() + 2);
  for (std::size_t i = 2; i < chain.size(); ++i) {  // close the seq gap and reseal each entry
    chain[i].seq -= 1;
    chain[i].hash = audit_hash(chain[i], fnv_hex);
  }
  const auto r = verify_audit_chain(chain, fnv_hex);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 3);
  EXPECT_EQ(r.problem, AuditProblem::kInserted);  // prev_hash no longer matches
}

TEST(AuditChain, DetectsAnInsertedEntry) {
  auto chain = chain_of(5);
  // A well-formed forgery after entry 2, the later entries renumbered to make room.
  AuditRecord forged{3, chain[1].at + 1, std::nullopt, "0001", "request.reject", "QS1-1123-009", "", chain[1].hash, ""};
  forged.hash = audit_hash(forged, fnv_hex);
  for (std::size_t i = 2; i < chain.size(); ++i) chain[i].seq += 1;
  chain.insert(chain.begin() + 2, forged);
  const auto r = verify_audit_chain(chain, fnv_hex);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 4);  // the first original entry after the forgery no longer follows
  EXPECT_EQ(r.problem, AuditProblem::kInserted);
}

TEST(AuditChain, DetectsAnInsertedEntryWithABadHash) {
  auto chain = chain_of(5);
  AuditRecord forged{6, chain[4].at + 1, std::nullopt, "0001", "login", "0001", "", chain[4].hash,
                     std::string(16, 'a')};
  chain.push_back(forged);
  const auto r = verify_audit_chain(chain, fnv_hex);
  EXPECT_EQ(r.bad_seq, 6);
  EXPECT_EQ(r.problem, AuditProblem::kAltered);
}

TEST(AuditChain, DetectsReorderedEntries) {
  auto chain = chain_of(5);
  std::swap(chain[1], chain[2]);  // stored as 1, 3, 2, 4, 5
  const auto r = verify_audit_chain(chain, fnv_hex);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 3);
  EXPECT_EQ(r.problem, AuditProblem::kReordered);
}

TEST(AuditChain, DetectsSwappedContentsUnderTheOriginalSeqs) {
  auto chain = chain_of(5);
  std::swap(chain[1].detail, chain[2].detail);
  std::swap(chain[1].target, chain[2].target);
  const auto r = verify_audit_chain(chain, fnv_hex);
  EXPECT_EQ(r.bad_seq, 2);
  EXPECT_EQ(r.problem, AuditProblem::kAltered);
}

TEST(AuditChain, DetectsARepeatedEntry) {
  auto chain = chain_of(3);
  chain.push_back(chain[1]);
  const auto r = verify_audit_chain(chain, fnv_hex);
  EXPECT_EQ(r.bad_seq, 2);
  EXPECT_EQ(r.problem, AuditProblem::kReordered);
}

TEST(AuditChain, StreamingVerifierStopsAtTheFirstProblem) {
  auto chain = chain_of(5);
  chain[1].detail = "x";
  chain[3].detail = "y";
  AuditChainVerifier v(fnv_hex);
  EXPECT_TRUE(v.add(chain[0]));
  EXPECT_FALSE(v.add(chain[1]));
  EXPECT_FALSE(v.add(chain[2]));
  EXPECT_EQ(v.result().bad_seq, 2);
}

TEST(AuditChain, RedactsPhoneAndIdNumbersButKeepsShortNumbers) {
  EXPECT_EQ(audit_redact("call 13800138000 now"), "call *** now");
  EXPECT_EQ(audit_redact("id 33990119560628737X."), "id ***.");
  EXPECT_EQ(audit_redact("339901196402033751"), "***");
  EXPECT_EQ(audit_redact("QS1-1123-017; assignee:12; resident:1031; staff 0101"),
            "QS1-1123-017; assignee:12; resident:1031; staff 0101");
  EXPECT_EQ(audit_redact("123456"), "123456");
  EXPECT_EQ(audit_redact("1234567"), "***");
  EXPECT_EQ(audit_redact("路灯不亮"), "路灯不亮");
  // Typed on the on-screen keyboard with its space key.
  EXPECT_EQ(audit_redact("电话 138 0013 8000 。"), "电话 *** 。");
  EXPECT_EQ(audit_redact("3399 0119 6402 0337 51"), "***");
  EXPECT_EQ(audit_redact("第 3 组 12 户"), "第 3 组 12 户");
}
