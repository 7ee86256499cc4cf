// What one request operation from a kiosk tells the township's copy of the request: its
// status, an escalation's department and detail, and the figures the dashboard counts
// (filing date, due date, 代办, when it closed, the rating). Pure: no store, no clock.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "sync/township/store/request_store.h"

namespace vsk::township {

// `op_type` "request.submitted" | "request.event" | "request.rated"; `payload` an object
// with a non-empty "number" (the caller checked).
RequestUpdate request_update(std::int64_t township_id, std::int64_t village_id, const std::string& op_type,
                             const nlohmann::json& payload, std::int64_t seq, std::int64_t device_time,
                             std::int64_t now);

}  // namespace vsk::township
