// Enrollment by USB stick, for a village that never had a link (issue 19). Two files:
//
//  request (kiosk -> township):  "VSKENROLL1\n" + one JSON line
//      {"request": TEXT, "code_proof": hex, "signature": hex}
//    TEXT is the request itself, kept as the exact bytes that were signed:
//      {"request_id", "public_key", "village", "kiosk_code", "software_version", "name", "created_at"}
//    code_proof: BLAKE2b-256 keyed with the code's key over "request\n" + TEXT. The code's key
//      is BLAKE2b-256 of the code, which is all the township keeps of it: the typed code never
//      travels, and the proof binds it to this request and so to this kiosk's key. A copied
//      stick cannot enroll another key (the proof and the signature would not match), and the
//      code cannot be read off it.
//    signature: Ed25519 by the kiosk's device key over TEXT (the kiosk holds that key).
//
//  reply (township -> kiosk):  "VSKENROLLED1\n" + one JSON line + "\n" + a bundle (bundle.h)
//      {"answer": TEXT, "code_mac": hex, "signature": hex}
//    TEXT: {"request_id", "kiosk_public_key", "device_id", "village", "township",
//           "server_public_key", "replaces"}
//    code_mac: keyed like the proof over "answer\n" + TEXT: only the township that issued the
//      code can write it, so the kiosk may trust server_public_key on first contact.
//    signature: Ed25519 by server_public_key over TEXT.
//    The bundle holds envelopes sealed to the kiosk: "history" (the operations of the kiosk it
//    replaces) and the first "pull-result" pages.
//
// Both files are small apart from the bundle and are read with size and nesting limits first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/keys.h"
#include "sync/protocol/messages.h"

namespace vsk::sync {

inline constexpr std::string_view kEnrollRequestMagic = "VSKENROLL1\n";
inline constexpr std::string_view kEnrollReplyMagic = "VSKENROLLED1\n";
inline constexpr std::size_t kMaxEnrollRequestBytes = 16 * 1024;  // as the HTTP enrollment body
inline constexpr std::size_t kMaxEnrollAnswerBytes = 16 * 1024;

struct EnrollRequest {
  std::string request_id;
  PublicKey public_key;
  std::string village, kiosk_code, software_version, name;
  std::int64_t created_at = 0;
};

struct EnrollAnswer {
  std::string request_id;
  PublicKey kiosk_public_key;
  std::string device_id, village, township;
  PublicKey server_public_key;
  std::string replaces;  // the device id this kiosk takes over from, "" for a first kiosk
};

// A code as staff type it: spaces and dashes dropped, letters upper-cased.
std::string normalize_enroll_code(std::string_view typed);
// The key both ends derive from a code: BLAKE2b-256 of the normalized code (32 raw bytes).
// The township gets the same bytes from the hex hash it stores.
std::string enroll_code_key(std::string_view code);
std::optional<std::string> enroll_code_key_from_hash_hex(std::string_view hash_hex);

std::string write_enroll_request(const EnrollRequest& r, const std::string& code_key, const SigningKey& device_key);

// A request file read and its signature checked; the code proof is checked by whoever holds
// a code key (proves_code). nullopt with `error` for anything else.
struct SignedEnrollRequest {
  EnrollRequest request;
  std::string text;        // the signed bytes
  std::string code_proof;  // 32 raw bytes
  bool proves_code(const std::string& code_key) const;
};
std::optional<SignedEnrollRequest> read_enroll_request(std::string_view bytes, std::string* error);

std::string write_enroll_reply(const EnrollAnswer& a, const std::string& code_key, const SigningKey& server_key,
                               std::string_view bundle);

struct EnrollReply {
  EnrollAnswer answer;
  std::string text;
  std::string code_mac, signature;  // raw bytes
  std::string bundle;               // the envelopes after the answer ("" when none)
  // The township knew the code and signed with the key it names.
  bool authentic(const std::string& code_key) const;
};
std::optional<EnrollReply> read_enroll_reply(std::string_view bytes, std::string* error);

// A "history" envelope's content: operations a replaced kiosk had sent, under its device id.
struct HistoryPage {
  std::string device_id;
  std::vector<Operation> ops;
};
std::string encode(const HistoryPage& h);
std::optional<HistoryPage> decode_history_page(std::string_view json, std::string* error);

}  // namespace vsk::sync
