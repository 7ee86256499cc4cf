#include "core/audit_chain.h"

#include <algorithm>

#include "core/netstring.h"

namespace vsk::core {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string audit_canonical(const AuditRecord& r) {
  std::string out = "vsk-audit-v1";
  append_netstring(out, std::to_string(r.seq));
  append_netstring(out, std::to_string(r.at));
  append_netstring(out, r.staff_id ? std::to_string(*r.staff_id) : std::string());
  append_netstring(out, r.actor);
  append_netstring(out, r.action);
  append_netstring(out, r.target);
  append_netstring(out, r.detail);
  append_netstring(out, r.prev_hash);
  return out;
}

std::string audit_hash(const AuditRecord& r, const AuditHashFn& hash) { return hash(audit_canonical(r)); }

std::string audit_redact(std::string_view text) {
  constexpr std::size_t kLongestAllowedRun = 6;
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      out += text[i++];
      continue;
    }
    // A run may go on across single spaces: the on-screen keyboard's space key makes
    // "138 0013 8000" as easy to type as "13800138000".
    std::size_t j = i;
    std::size_t digits = 0;
    while (j < text.size()) {
      if (is_digit(text[j])) {
        ++digits;
        ++j;
      } else if (text[j] == ' ' && j + 1 < text.size() && is_digit(text[j + 1])) {
        ++j;
      } else {
        break;
      }
    }
    if (digits > kLongestAllowedRun) {
      if (j < text.size() && (text[j] == 'X' || text[j] == 'x')) ++j;  // ID numbers may end in X
      out += "***";
    } else {
      out.append(text.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

std::string_view audit_problem_name(AuditProblem p) {
  switch (p) {
    case AuditProblem::kNone: return "ok";
    case AuditProblem::kAltered: return "altered";
    case AuditProblem::kDeleted: return "deleted";
    case AuditProblem::kInserted: return "inserted";
    case AuditProblem::kReordered: return "reordered";
  }
  return "unknown";
}

void ChainWalk::fail(std::int64_t seq, AuditProblem p, std::string reason) {
  result_.ok = false;
  result_.bad_seq = seq;
  result_.problem = p;
  result_.reason = std::move(reason);
}

bool ChainWalk::add(std::int64_t entry_seq, const std::string& prev_hash, const std::string& hash,
                    const std::string& computed) {
  if (!result_.ok) return false;
  const std::string seq = std::to_string(entry_seq);
  if (entry_seq != expected_seq_) {
    const std::string missing = std::to_string(expected_seq_);
    if (entry_seq > expected_seq_)
      fail(expected_seq_, AuditProblem::kDeleted,
           "entry " + missing + " is missing (deleted): " +
               (expected_seq_ == 1 ? "the chain starts at entry " + seq
                                   : "entry " + std::to_string(expected_seq_ - 1) + " is followed by entry " + seq));
    else
      fail(entry_seq, AuditProblem::kReordered,
           "entry " + seq + " is out of order or repeated: it comes where entry " + missing + " belongs");
    return false;
  }
  if (prev_hash != expected_prev_) {
    fail(entry_seq, AuditProblem::kInserted,
         "entry " + seq + " does not follow " +
             (entry_seq == 1 ? std::string("the start of the chain") : "entry " + std::to_string(entry_seq - 1)) +
             " (prev_hash mismatch): an entry was inserted, removed or rewritten before it");
    return false;
  }
  if (computed != hash) {
    fail(entry_seq, AuditProblem::kAltered, "entry " + seq + " was altered (hash mismatch)");
    return false;
  }
  ++result_.entries;
  ++expected_seq_;
  expected_prev_ = hash;
  return true;
}

AuditVerifyResult verify_audit_chain(const std::vector<AuditRecord>& entries, const AuditHashFn& hash) {
  AuditChainVerifier v(hash);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (v.add(entries[i])) continue;
    AuditVerifyResult r = v.result();
    if (r.problem == AuditProblem::kDeleted) {
      // The "missing" entry is stored further on: the entries were reordered, not deleted.
      const std::int64_t missing = *r.bad_seq;
      const bool later = std::any_of(entries.begin() + static_cast<std::ptrdiff_t>(i) + 1, entries.end(),
                                     [&](const AuditRecord& e) { return e.seq == missing; });
      if (later) {
        r.problem = AuditProblem::kReordered;
        r.bad_seq = entries[i].seq;
        r.reason = "entry " + std::to_string(entries[i].seq) + " is out of order: stored before entry " +
                   std::to_string(missing);
      }
    }
    return r;
  }
  return v.result();
}

}  // namespace vsk::core
