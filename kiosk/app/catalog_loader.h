// Reads the service catalog from JSON (assets/catalog/services.json). Township staff edit
// that file by hand, so the loader is strict and specific: unknown keys, wrong types and
// duplicate keys are errors that name the JSON path (services[3].fields[1].type: ...), and
// the result must also pass core::check_catalog.
//
// Shape (see assets/catalog/services.json):
//   { "version": 1,
//     "categories": [ {"id": "assistance", "zh": "社会救助", "en": "Social assistance"} ],
//     "services": [ { "id", "category", "name": {"zh","en"}, "summary": {"zh","en"},
//                     "materials": [{"zh","en"}], "level": "village"|"township",
//                     "department": {"zh","en"}, "promised_days": 5,
//                     "on_behalf": true, "anonymous_allowed": false, "rewarded": false,
//                     "fields": [ { "id", "type", "label": {"zh","en"}, "required": true, ... } ] } ] }
// Field types and their extra keys:
//   "choice"  "choices": [{"id","zh","en"}]      "number" "min", "max", "unit": {"zh","en"}
//   "date"    "date_rule": "any"|"past_or_today"|"today_or_future"
//   "text"    "max_length": 50, "phrases": [{"zh","en"}]       "phone", "yes_no": none
// Defaults: required true, on_behalf true, anonymous_allowed/rewarded false, date_rule "any",
// max_length 50, materials/phrases empty.
#pragma once

#include <string>

#include "core/catalog.h"

namespace vsk::app {

// Throws std::runtime_error("<path>: <what>") when the file cannot be read or is invalid.
core::Catalog load_catalog(const std::string& path);

// Throws std::runtime_error("<json path>: <what>") on bad JSON, a bad shape, or problems
// found by core::check_catalog.
core::Catalog parse_catalog(const std::string& json_text);

}  // namespace vsk::app
