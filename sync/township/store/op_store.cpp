#include "sync/township/store/op_store.h"

#include <deque>
#include <map>

#include "sync/township/store/multi_row.h"

namespace vsk::township {
namespace {

StoredOp read_op(const SqlRow& r) { return StoredOp{r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4)}; }

}  // namespace

OpStore::OpStore(const Dialect& d, const PiiSealer& sealer)
    : sealer_(sealer),
      by_id_("SELECT outcome, code, message_zh, op_id, seq FROM ops WHERE op_id = $1 AND " +
             d.in_scope("township_id", 2)),
      // Not the seqs marked as copies of another kiosk's operation (township_service.cpp):
      // the operation is counted once, with the kiosk that sent it first.
      count_("SELECT COUNT(*) FROM ops WHERE type <> 'sync.copy' AND " + d.in_scope("township_id", 1)),
      count_type_("SELECT COUNT(*) FROM ops WHERE type = $2 AND " + d.in_scope("township_id", 1)) {}

std::vector<StoredOp> OpStore::device_range(Tx& tx, const std::string& device_id, std::int64_t from, std::int64_t to) {
  std::vector<StoredOp> out;
  for (const auto& r : tx.query("SELECT outcome, code, message_zh, op_id, seq FROM ops WHERE device_id = $1 AND "
                                "seq >= $2 AND seq <= $3 ORDER BY seq",
                                {device_id, from, to}))
    out.push_back(read_op(r));
  return out;
}

std::optional<StoredOp> OpStore::by_id(Tx& tx, const std::string& op_id) {
  const auto r = tx.query_one(by_id_, {op_id, tx.scope_param()});
  if (!r) return std::nullopt;
  return read_op(*r);
}

bool OpStore::add(Tx& tx, const NewOp& op, const StoredOp& result) {
  return add_all(tx, {&op, 1}, {&result, 1}).front();
}

std::vector<bool> OpStore::add_all(Tx& tx, std::span<const NewOp> ops, std::span<const StoredOp> results) {
  constexpr int kColumns = 11;
  std::vector<bool> stored(ops.size(), false);
  std::size_t at = 0;
  for (const int rows : statement_sizes(ops.size())) {
    std::deque<std::string> sealed;  // SqlParam views them: a deque never moves its elements
    std::vector<SqlParam> params;
    params.reserve(static_cast<std::size_t>(rows * kColumns));
    std::map<std::int64_t, std::size_t> index_of_seq;
    for (std::size_t i = at; i < at + static_cast<std::size_t>(rows); ++i) {
      const NewOp& op = ops[i];
      const StoredOp& r = results[i];
      sealed.push_back(sealer_.seal(op.payload));
      params.insert(params.end(), {op.township_id, op.device_id, op.seq, op.op_id, op.type, sealed.back(),
                                   op.device_time, op.received_at, r.outcome, r.code, r.message_zh});
      index_of_seq[op.seq] = i;
    }
    // A row whose op id or (device, seq) is held already is skipped, and not returned.
    const auto inserted = tx.query_params(
        "INSERT INTO ops(township_id, device_id, seq, op_id, type, payload, device_time, received_at, "
        "outcome, code, message_zh) VALUES " + values_list(rows, kColumns) + " ON CONFLICT DO NOTHING RETURNING seq",
        params);
    for (const auto& row : inserted) stored[index_of_seq.at(row.integer(0))] = true;
    at += static_cast<std::size_t>(rows);
  }
  return stored;
}

std::int64_t OpStore::count(Tx& tx, const std::string& type) {
  const auto r = type.empty() ? tx.query_one(count_, {tx.scope_param()}) : tx.query_one(count_type_, {tx.scope_param(), type});
  return r ? r->integer(0) : 0;
}

std::vector<std::string> OpStore::op_ids(Tx& tx, const std::string& device_id) {
  std::vector<std::string> out;
  for (const auto& r : tx.query("SELECT op_id FROM ops WHERE device_id = $1 ORDER BY seq", {device_id}))
    out.push_back(r.text(0));
  return out;
}

std::vector<HeldOp> OpStore::device_ops(Tx& tx, const std::string& device_id) {
  std::vector<HeldOp> out;
  for (const auto& r : tx.query("SELECT op_id, seq, type, payload, device_time FROM ops WHERE device_id = $1 ORDER BY seq",
                                {device_id}))
    out.push_back({r.text(0), r.integer(1), r.text(2), sealer_.open(r.text(3)), r.integer(4)});
  return out;
}

}  // namespace vsk::township
