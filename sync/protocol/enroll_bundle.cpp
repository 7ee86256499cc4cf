#include "sync/protocol/enroll_bundle.h"

#include <sodium.h>

#include <cctype>

#include <nlohmann/json.hpp>

#include "sync/protocol/bounded_json.h"

namespace vsk::sync {
namespace {

using nlohmann::json;

const unsigned char* u8(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string keyed_mac(const std::string& key, std::string_view label, const std::string& text) {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  const std::string message = std::string(label) + "\n" + text;
  std::string out(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(), u8(message), message.size(), u8(key),
                     key.size());
  return out;
}

std::string to_hex(const std::string& raw) {
  std::string hex(raw.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), u8(raw), raw.size());
  hex.pop_back();
  return hex;
}

std::optional<std::string> from_hex(std::string_view hex, std::size_t bytes) {
  if (hex.size() != bytes * 2) return std::nullopt;
  std::string out(bytes, '\0');
  std::size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), bytes, hex.data(), hex.size(), nullptr, &len,
                     nullptr) != 0 ||
      len != bytes)
    return std::nullopt;
  return out;
}

std::string sign(const std::string& text, const SigningKey& key) {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr, u8(text), text.size(), u8(key.secret));
  return sig;
}

bool verify(const std::string& text, const std::string& sig, const PublicKey& key) {
  return sig.size() == crypto_sign_BYTES && key.bytes.size() == crypto_sign_PUBLICKEYBYTES &&
         crypto_sign_verify_detached(u8(sig), u8(text), text.size(), u8(key.bytes)) == 0;
}

// Strict field readers: a missing or wrongly typed field fails the whole file, named.
struct Fields {
  const json& j;
  std::string* error;
  bool ok = true;
  std::string text(const char* name) {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_string()) return bad(name), std::string();
    return it->get<std::string>();
  }
  std::int64_t integer(const char* name) {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_number_integer()) return bad(name), 0;
    return it->get<std::int64_t>();
  }
  PublicKey key(const char* name) {
    const auto k = PublicKey::from_hex(text(name));
    if (!k) return bad(name), PublicKey{};
    return *k;
  }
  std::string raw(const char* name, std::size_t bytes) {
    const auto r = from_hex(text(name), bytes);
    if (!r) return bad(name), std::string();
    return *r;
  }
  void bad(const char* name) {
    if (ok && error) *error = std::string("field ") + name + " is missing or malformed";
    ok = false;
  }
};

// The magic, then one bounded JSON object on the first line; `rest` gets what follows it.
std::optional<json> outer_object(std::string_view bytes, std::string_view magic, std::size_t max_line,
                                 std::string* error, std::string_view* rest) {
  if (bytes.substr(0, magic.size()) != magic) {
    if (error) *error = "not this kind of file";
    return std::nullopt;
  }
  bytes.remove_prefix(magic.size());
  const auto nl = bytes.find('\n');
  const std::string_view line = bytes.substr(0, nl);
  if (line.size() > max_line) {
    if (error) *error = "too large";
    return std::nullopt;
  }
  auto j = parse_bounded_json(line, error, max_line, 4);
  if (!j || !j->is_object()) {
    if (error && j) *error = "not a JSON object";
    return std::nullopt;
  }
  if (rest) *rest = nl == std::string_view::npos ? std::string_view() : bytes.substr(nl + 1);
  return j;
}

std::optional<json> inner_object(const std::string& text, std::string* error) {
  auto j = parse_bounded_json(text, error, kMaxEnrollRequestBytes, 4);
  if (!j || !j->is_object()) {
    if (error && j) *error = "not a JSON object";
    return std::nullopt;
  }
  return j;
}

}  // namespace

std::string normalize_enroll_code(std::string_view typed) {
  std::string out;
  for (const char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string enroll_code_key(std::string_view code) {
  const std::string c = normalize_enroll_code(code);
  std::string out(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(), u8(c), c.size(), nullptr, 0);
  return out;
}

std::optional<std::string> enroll_code_key_from_hash_hex(std::string_view hash_hex) {
  return from_hex(hash_hex, crypto_generichash_BYTES);
}

std::string write_enroll_request(const EnrollRequest& r, const std::string& code_key, const SigningKey& device_key) {
  const std::string text = json{{"request_id", r.request_id},
                                {"public_key", r.public_key.hex()},
                                {"village", r.village},
                                {"kiosk_code", r.kiosk_code},
                                {"software_version", r.software_version},
                                {"name", r.name},
                                {"created_at", r.created_at}}
                               .dump();
  const json outer{{"request", text},
                   {"code_proof", to_hex(keyed_mac(code_key, "request", text))},
                   {"signature", to_hex(sign(text, device_key))}};
  return std::string(kEnrollRequestMagic) + outer.dump() + "\n";
}

bool SignedEnrollRequest::proves_code(const std::string& code_key) const {
  const std::string expected = keyed_mac(code_key, "request", text);
  return code_proof.size() == expected.size() && sodium_memcmp(code_proof.data(), expected.data(), expected.size()) == 0;
}

std::optional<SignedEnrollRequest> read_enroll_request(std::string_view bytes, std::string* error) {
  if (bytes.size() > kMaxEnrollRequestBytes) {
    if (error) *error = "enrollment request too large";
    return std::nullopt;
  }
  std::string_view rest;
  const auto outer = outer_object(bytes, kEnrollRequestMagic, kMaxEnrollRequestBytes, error, &rest);
  if (!outer) return std::nullopt;
  if (!rest.empty()) {
    if (error) *error = "unexpected bytes after the request";
    return std::nullopt;
  }
  Fields o{*outer, error};
  SignedEnrollRequest s;
  s.text = o.text("request");
  s.code_proof = o.raw("code_proof", crypto_generichash_BYTES);
  const std::string signature = o.raw("signature", crypto_sign_BYTES);
  if (!o.ok) return std::nullopt;
  const auto inner = inner_object(s.text, error);
  if (!inner) return std::nullopt;
  Fields f{*inner, error};
  s.request.request_id = f.text("request_id");
  s.request.public_key = f.key("public_key");
  s.request.village = f.text("village");
  s.request.kiosk_code = f.text("kiosk_code");
  s.request.software_version = f.text("software_version");
  s.request.name = f.text("name");
  s.request.created_at = f.integer("created_at");
  if (!f.ok) return std::nullopt;
  if (!verify(s.text, signature, s.request.public_key)) {
    if (error) *error = "the request's signature does not match its key";
    return std::nullopt;
  }
  return s;
}

std::string write_enroll_reply(const EnrollAnswer& a, const std::string& code_key, const SigningKey& server_key,
                               std::string_view bundle) {
  const std::string text = json{{"request_id", a.request_id},
                                {"kiosk_public_key", a.kiosk_public_key.hex()},
                                {"device_id", a.device_id},
                                {"village", a.village},
                                {"township", a.township},
                                {"server_public_key", a.server_public_key.hex()},
                                {"replaces", a.replaces}}
                               .dump();
  const json outer{{"answer", text},
                   {"code_mac", to_hex(keyed_mac(code_key, "answer", text))},
                   {"signature", to_hex(sign(text, server_key))}};
  return std::string(kEnrollReplyMagic) + outer.dump() + "\n" + std::string(bundle);
}

bool EnrollReply::authentic(const std::string& code_key) const {
  const std::string expected = keyed_mac(code_key, "answer", text);
  return code_mac.size() == expected.size() &&
         sodium_memcmp(code_mac.data(), expected.data(), expected.size()) == 0 &&
         verify(text, signature, answer.server_public_key);
}

std::optional<EnrollReply> read_enroll_reply(std::string_view bytes, std::string* error) {
  std::string_view rest;
  const auto outer = outer_object(bytes, kEnrollReplyMagic, kMaxEnrollAnswerBytes, error, &rest);
  if (!outer) return std::nullopt;
  Fields o{*outer, error};
  EnrollReply r;
  r.text = o.text("answer");
  r.code_mac = o.raw("code_mac", crypto_generichash_BYTES);
  r.signature = o.raw("signature", crypto_sign_BYTES);
  if (!o.ok) return std::nullopt;
  const auto inner = inner_object(r.text, error);
  if (!inner) return std::nullopt;
  Fields f{*inner, error};
  r.answer.request_id = f.text("request_id");
  r.answer.kiosk_public_key = f.key("kiosk_public_key");
  r.answer.device_id = f.text("device_id");
  r.answer.village = f.text("village");
  r.answer.township = f.text("township");
  r.answer.server_public_key = f.key("server_public_key");
  r.answer.replaces = f.text("replaces");
  if (!f.ok) return std::nullopt;
  r.bundle = std::string(rest);
  return r;
}

std::string encode(const HistoryPage& h) {
  PushBatch batch;
  batch.ops = h.ops;
  return json{{"device_id", h.device_id}, {"batch", json::parse(encode(batch))}}.dump();
}

std::optional<HistoryPage> decode_history_page(std::string_view text, std::string* error) {
  const auto j = parse_bounded_json(text, error);
  if (!j || !j->is_object() || !j->contains("batch") || !(*j)["batch"].is_object()) {
    if (error && j) *error = "not a history page";
    return std::nullopt;
  }
  Fields f{*j, error};
  HistoryPage h;
  h.device_id = f.text("device_id");
  if (!f.ok) return std::nullopt;
  auto batch = decode_push_batch((*j)["batch"].dump(), error);
  if (!batch) return std::nullopt;
  h.ops = std::move(batch->ops);
  return h;
}

}  // namespace vsk::sync
