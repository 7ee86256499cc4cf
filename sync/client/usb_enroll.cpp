// SyncClient's USB enrollment (issue 19): the request a kiosk with no link writes to the
// stick, and the township's reply that completes it. File formats: sync/protocol/enroll_bundle.h.
#include <sodium.h>

#include "store/settings_store.h"
#include "sync/client/sync_client.h"
#include "sync/protocol/enroll_bundle.h"
#include "sync/protocol/messages.h"

namespace vsk::sync {
namespace {

constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";  // keys.cpp random_code
constexpr std::size_t kCodeLength = 12;

std::string hex(const std::string& raw) {
  std::string out(raw.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  out.pop_back();
  return out;
}

}  // namespace

std::optional<std::string> SyncClient::usb_enroll_request(const std::string& code, const std::string& name,
                                                          SyncReport& r) {
  if (identity()) {
    fail(r, "already_enrolled", "this kiosk is already enrolled");
    return std::nullopt;
  }
  const std::string normalized = normalize_enroll_code(code);
  if (normalized.size() != kCodeLength || normalized.find_first_not_of(kCodeAlphabet) != std::string::npos) {
    fail(r, "bad_code_format", "an enrollment code is 12 letters and digits (no 0, O, 1, I or L)");
    return std::nullopt;
  }
  const std::string code_key = enroll_code_key(normalized);
  auto& s = store_.sync();
  EnrollRequest req;
  // The same code again: the same request (Ed25519 signs deterministically, so the file is
  // byte for byte the same). Another code: a new request; a reply to the old one is refused.
  if (s.get(store::sync_key::kUsbCodeKey) == hex(code_key) && s.get(store::sync_key::kUsbRequestId)) {
    req.request_id = *s.get(store::sync_key::kUsbRequestId);
    req.created_at = s.get_int(store::sync_key::kUsbRequestAt);
  } else {
    req.request_id = random_uuid();
    req.created_at = clock_.unix_seconds();
    auto tx = store_.begin();
    s.set(tx, store::sync_key::kUsbRequestId, req.request_id);
    s.set(tx, store::sync_key::kUsbCodeKey, hex(code_key));
    s.set_int(tx, store::sync_key::kUsbRequestAt, req.created_at);
    tx.commit();
  }
  req.public_key = key_.public_key;
  req.village = store_.settings().get_or(store::setting::kVillageName, "");
  req.kiosk_code = store_.settings().get_or(store::setting::kKioskCode, "");
  req.software_version = VSK_VERSION;
  req.name = name;
  r.ok = true;
  return write_enroll_request(req, code_key, key_);
}

SyncReport SyncClient::import_enroll_reply(std::string_view bytes) {
  SyncReport r;
  std::string why;
  const auto reply = read_enroll_reply(bytes, &why);
  if (!reply) {
    fail(r, "bad_bundle", "the enrollment reply cannot be read: " + why);
    return r;
  }
  const EnrollAnswer& a = reply->answer;
  if (a.kiosk_public_key != key_.public_key) {
    fail(r, "wrong_kiosk", "this enrollment reply is for another kiosk (" + a.village + ", " + a.device_id + ")");
    return r;
  }
  auto& s = store_.sync();
  if (const auto id = identity()) {
    // Enrolled already: by this reply (imported again: only what is new applies) or another.
    if (id->device_id != a.device_id || id->server_key != a.server_public_key) {
      fail(r, "already_enrolled", "this kiosk is already enrolled as " + id->device_id);
      return r;
    }
  } else {
    const auto pending = s.get(store::sync_key::kUsbRequestId);
    const auto key_hex = s.get(store::sync_key::kUsbCodeKey);
    if (!pending || !key_hex) {
      fail(r, "no_usb_request", "this kiosk has written no enrollment request");
      return r;
    }
    if (*pending != a.request_id) {
      fail(r, "stale_request", "this reply answers an older enrollment request of this kiosk");
      return r;
    }
    std::string code_key(crypto_generichash_BYTES, '\0');
    std::size_t len = 0;
    sodium_hex2bin(reinterpret_cast<unsigned char*>(code_key.data()), code_key.size(), key_hex->data(), key_hex->size(),
                   nullptr, &len, nullptr);
    if (len != code_key.size() || !reply->authentic(code_key)) {
      fail(r, "bad_reply_signature", "the enrollment reply was not written by the township that issued the code");
      return r;
    }
    auto tx = store_.begin();
    s.set(tx, store::sync_key::kDeviceId, a.device_id);
    s.set(tx, store::sync_key::kVillage, a.village);
    s.set(tx, store::sync_key::kServerKey, a.server_public_key.hex());
    // Bound to this machine like an HTTP enrollment: a copy of this data dir elsewhere is
    // told it is a copy (issue 17) instead of binding itself on its first export.
    if (!host_.empty()) s.set(tx, store::sync_key::kBoundHost, host_);
    if (!a.replaces.empty()) s.set(tx, store::sync_key::kReplaced, a.replaces);
    s.remove(tx, store::sync_key::kUsbRequestId);
    s.remove(tx, store::sync_key::kUsbCodeKey);
    s.remove(tx, store::sync_key::kUsbRequestAt);
    tx.commit();
    r.enrolled_now = true;
  }
  r.ok = true;
  if (!reply->bundle.empty() && !apply_bundle(*identity(), reply->bundle, r)) return r;
  return finish(r);
}

bool SyncClient::apply_history(const Identity& id, std::string_view bytes, SyncReport& r) {
  auto tx = store_.begin();
  const auto text = open_reply(tx, id, bytes, "history", r);
  if (!text) return false;
  std::string why;
  const auto page = decode_history_page(*text, &why);
  if (!page) {
    fail(r, "bad_reply", "the history cannot be read: " + why);
    return false;
  }
  for (const auto& o : page->ops) {
    const std::string payload = o.payload.dump();
    // New to this PC: kept, and what it recorded rebuilt here (the old kiosk's requests).
    if (store_.sync().add_history(tx, page->device_id, {o.seq, o.op_id, o.type, payload, o.device_time}) &&
        changes_.apply_history(tx, o.type, payload, o.device_time))
      ++r.restored;
    ++r.history;
  }
  tx.commit();
  return true;
}

}  // namespace vsk::sync
