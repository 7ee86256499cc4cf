// TownshipService::enroll_by_bundle: enrollment for a village with no link (issue 19). The
// request proves its code without carrying it (enroll_bundle.h), so the township finds the
// code by checking the proof against each code it issued; then the rules are those of the
// HTTP enrollment: the same conditional take of the code, the same device row.
#include <set>

#include "crypto/blake2b.h"
#include "sync/protocol/bounded_json.h"
#include "sync/protocol/bundle.h"
#include "sync/protocol/enroll_bundle.h"
#include "sync/township/township_service.h"

namespace vsk::township {
namespace {

using nlohmann::json;

constexpr int kPageLimit = 1000;       // pull changes per envelope, as a kiosk's own USB pull
constexpr std::size_t kHistoryBatch = 500;
constexpr int kMaxReplacementChain = 64;

UsbEnrollment refused(int status, const std::string& code, const std::string& zh, const std::string& en) {
  UsbEnrollment u;
  u.reply = error_reply(status, code, zh, en);
  return u;
}

}  // namespace

std::string TownshipService::enrollment_pages(Tx& tx, const Device& d, std::int64_t now, UsbEnrollment& out) {
  std::vector<std::string> envelopes;
  auto seal = [&](const std::string& kind, const std::string& text) {
    envelopes.push_back(sealed_reply(d, store_.devices().next_reply_counter(tx, d.id), kind, text).body);
  };
  // The kiosks this one replaces, oldest first: a replacement of a replacement gets both.
  std::vector<std::string> chain;
  std::set<std::string> seen{d.id};
  for (std::string prev = store_.credentials().replaced_by(tx, d.id);
       !prev.empty() && seen.insert(prev).second && static_cast<int>(chain.size()) < kMaxReplacementChain;
       prev = store_.credentials().replaced_by(tx, prev))
    chain.insert(chain.begin(), prev);
  for (const auto& old : chain) {
    const auto ops = store_.ops().device_ops(tx, old);
    for (std::size_t i = 0; i < ops.size(); i += kHistoryBatch) {
      sync::HistoryPage page{old, {}};
      for (std::size_t k = i; k < ops.size() && k < i + kHistoryBatch; ++k) {
        const auto& o = ops[k];
        auto payload = sync::parse_bounded_json(o.payload, nullptr);
        page.ops.push_back({o.op_id, o.seq, o.type, o.device_time, payload ? std::move(*payload) : json::object()});
      }
      out.history_ops += static_cast<int>(page.ops.size());
      seal("history", sync::encode(page));
    }
  }
  // Every change the village has from the start, so the kiosk starts complete.
  std::int64_t cursor = 0;
  for (bool more = true; more;) {
    const sync::PullReply page = pull_page(tx, d, cursor, kPageLimit, now);
    out.changes += static_cast<int>(page.changes.size());
    seal("pull-result", sync::encode(page));
    more = page.more;
    cursor = page.next_cursor;
  }
  store_.devices().clear_resync(tx, d.id);
  return sync::write_bundle(envelopes);
}

UsbEnrollment TownshipService::enroll_by_bundle(std::string_view request_file, const Scope& reach, const Actor* by,
                                                const std::string& file_name) {
  std::string why;
  const auto req = sync::read_enroll_request(request_file, &why);
  if (!req)
    return refused(400, "bad_request", "这不是终端的注册请求文件，或文件已损坏", "not a readable enrollment request: " + why);
  const std::int64_t now = clock_.unix_seconds();
  try {
    // The proof names no code: try each one issued (few, and a keyed hash each).
    std::optional<EnrollCode> code;
    {
      Tx tx = store_.read(Scope::lookup());
      for (auto& c : store_.credentials().enroll_codes(tx)) {
        const auto key = sync::enroll_code_key_from_hash_hex(c.code_hash);
        if (key && req->proves_code(*key)) {
          code = std::move(c);
          break;
        }
      }
    }
    if (!code)
      return refused(403, "bad_enroll_code", "注册码不对：乡镇没有发出过这个注册码，请核对后在终端上重新生成注册请求",
                     "no enrollment code of this township matches the request (mistyped?)");
    if (!reach.system && !reach.reaches(code->target.township_id))
      return refused(403, "other_township", "这份注册请求用的是另一个乡镇的注册码，请交给发码的乡镇导入",
                     "the request's enrollment code belongs to another township: import it there");
    return store_.write_retrying(Scope::township(code->target.township_id), [&](Tx& tx) {
      UsbEnrollment u;
      std::optional<Device> d;
      if (!code->used_by.empty()) {
        // Used: by this very request's key (the file imported again) or by another kiosk.
        d = store_.devices().find(tx, code->used_by);
        if (!d || d->public_key_hex != req->request.public_key.hex())
          return refused(403, "code_used", "注册码已被另一台终端使用，请向乡镇索取新的注册码",
                         "the enrollment code was already used by another kiosk");
        if (d->revoked_at)
          return refused(403, "revoked", "该终端已被乡镇停用，请联系乡镇", "this kiosk has been revoked");
        u.again = true;
      } else {
        if (code->expires_at <= now)
          return refused(403, "code_expired", "注册码已过期，请向乡镇索取新的注册码",
                         "the enrollment code has expired");
        const auto village = store_.places().find(tx, code->target.village_id);
        const std::string village_name = village ? village->name : "";
        if (village_name != req->request.village)
          return refused(409, "village_mismatch",
                         "注册码是发给" + village_name + "的，这台终端是" + req->request.village + "的",
                         "the code is for " + village_name + ", the kiosk is set up for " + req->request.village);
        const std::string device_id = sync::random_uuid();
        const auto target = store_.credentials().take_enroll_code(tx, code->code_hash, device_id, now);
        if (!target)
          return refused(403, "code_used", "注册码已被另一台终端使用，请向乡镇索取新的注册码",
                         "the enrollment code was already used by another kiosk");
        const std::string name = req->request.name.empty() ? req->request.kiosk_code : req->request.name;
        if (auto refusal = add_device(tx, *target, device_id, req->request.public_key.hex(), name, now)) {
          u.reply = *refusal;
          return u;
        }
        // The old kiosk stops at the moment the new one takes over: nothing it sends later
        // (a stick found in a drawer) is taken.
        if (!target->replaces.empty()) {
          store_.devices().revoke(tx, target->replaces, now);
          u.replaced = target->replaces;
        }
        d = store_.devices().find(tx, device_id);
      }
      u.device_id = d->id;
      if (u.again) u.replaced = store_.credentials().replaced_by(tx, d->id);
      sync::EnrollAnswer a;
      a.request_id = req->request.request_id;
      a.kiosk_public_key = req->request.public_key;
      a.device_id = d->id;
      a.village = d->village;
      a.township = d->township;
      a.server_public_key = key_.public_key;
      a.replaces = u.replaced;
      const std::string pages = enrollment_pages(tx, *d, now, u);
      const auto code_key = sync::enroll_code_key_from_hash_hex(code->code_hash);
      u.reply = Reply{200, sync::write_enroll_reply(a, *code_key, key_, pages), "application/octet-stream", "", 0, ""};
      if (by)
        audit_action(store_, tx, d->township_id, now, *by, "kiosk.usb_enroll", d->id,
                     (file_name.empty() ? "" : file_name + ", ") + (u.again ? "imported before, " : "") +
                         (u.replaced.empty() ? "" : "replacing " + u.replaced + ", ") + std::to_string(u.changes) +
                         " changes back");
      tx.commit();
      return u;
    });
  } catch (const StoreError& e) {
    UsbEnrollment u;
    u.reply = storage_failure(e);
    return u;
  }
}

}  // namespace vsk::township
