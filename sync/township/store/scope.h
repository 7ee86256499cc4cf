// Who is asking: the part of the place tree a caller may see. Every tenant-owned row (kiosk,
// operation, request, change, code, token) belongs to one township; a caller reaches the
// townships of its scope and nothing else. On PostgreSQL row-level security enforces the
// same rule under the SQL (pg_schema.cpp), so a handler that forgets its filter still sees
// only its own township's rows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vsk::township {

struct Scope {
  std::int64_t root = 0;                // the place the caller stands on: a township or a county
  std::vector<std::int64_t> townships;  // the tenants within reach
  // Authentication lookups before any tenant is known (a kiosk by its id, an enrollment code,
  // an admin token) and the operator's place tree. Never reaches operations, requests or
  // the change log.
  bool system = false;

  static Scope lookup() { return Scope{0, {}, true}; }
  static Scope township(std::int64_t id) { return Scope{id, {id}, false}; }
  bool reaches(std::int64_t township_id) const;
  // "3,4": the form the backends hand to the database.
  std::string township_list() const;
};

}  // namespace vsk::township
