#include "app/sync_error_text.h"

#include <algorithm>
#include <string_view>

namespace vsk::app {
namespace {

using core::Message;

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

template <std::size_t N>
bool one_of(const std::string& s, const char* const (&list)[N]) {
  return std::find(std::begin(list), std::end(list), std::string_view(s)) != std::end(list);
}

// Keys that exist in assets/i18n for each family (translations_test checks both languages).
constexpr const char* kPlain[] = {"not_enrolled", "already_enrolled", "network",      "bad_reply",
                                  "bad_reply_signature", "replayed_reply", "no_progress", "bad_bundle", "cloned",
                                  "internal", "wrong_kiosk", "wrong_file", "bad_code_format", "no_usb_request",
                                  "stale_request"};
constexpr const char* kNetwork[] = {"refused", "no_host", "timeout", "dropped", "tls", "too_large"};
constexpr const char* kRefused[] = {"revoked",         "replayed",   "busy",           "storage_error",
                                    "bad_enroll_code", "key_in_use", "upgrade_needed", "unknown_device"};
constexpr const char* kStorage[] = {"full", "busy", "read_only", "damaged", "io", "internal"};
constexpr const char* kRejected[] = {"bad_payload", "unknown_type"};

}  // namespace

Message sync_error_message(const std::string& code) {
  if (one_of(code, kPlain)) return Message("sync.error." + code);
  if (starts_with(code, "network:")) {
    const std::string reason = code.substr(8);
    return Message(one_of(reason, kNetwork) ? "sync.error.network." + reason : "sync.error.network");
  }
  if (starts_with(code, "refused:")) {
    const std::string server = code.substr(8);
    if (one_of(server, kRefused)) return Message("sync.error.refused." + server);
    return Message("sync.error.refused").arg("code", server);
  }
  if (starts_with(code, "http_")) return Message("sync.error.http").arg("status", code.substr(5));
  if (starts_with(code, "kiosk.")) {  // "kiosk.storage.full", "kiosk.internal"
    std::string kind = code.substr(6);
    if (starts_with(kind, "storage.")) kind = kind.substr(8);
    if (one_of(kind, kStorage)) return Message("sync.error.kiosk").arg("reason", "storage.reason." + kind);
  }
  return Message("sync.error.other").arg("code", code);
}

Message sync_rejection_message(const std::string& code) {
  if (one_of(code, kRejected)) return Message("sync.rejected." + code);
  return Message("sync.rejected.other").arg("code", code);
}

}  // namespace vsk::app
