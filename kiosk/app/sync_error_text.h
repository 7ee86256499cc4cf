// Sync failures are stored and passed around as codes (SyncReport::error_code, the township's
// rejection codes); these turn them into messages the UI translates, so neither the database
// nor the sync layer holds display text in any language.
#pragma once

#include <string>

#include "core/message.h"

namespace vsk::app {

// "network:timeout" -> sync.error.network.timeout, "refused:busy" -> sync.error.refused.busy
// (an unknown server code -> sync.error.refused {code}), "http_503" -> sync.error.http {status},
// "kiosk.storage.full" -> sync.error.kiosk {reason}; any other unknown code -> sync.error.other.
core::Message sync_error_message(const std::string& code);
// bad_payload / unknown_type -> sync.rejected.<code>; others -> sync.rejected.other {code}.
core::Message sync_rejection_message(const std::string& code);

}  // namespace vsk::app
