// township-server place add|list|rename: the county -> township -> village tree, as the
// server's operator sees it (all of it).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "platform/clock.h"
#include "sync/township/staff_audit.h"
#include "sync/township/township_store.h"

namespace vsk::township {

//   place add county NAME
//   place add township NAME [--county C]          (C may be left out when there is one county)
//   place add village NAME [--township T] [--county C]
//   place list [--json]
//   place rename PLACE_ID NAME
// Returns the exit status; messages go to stdout / stderr. A change is audited, naming `by`,
// as place.add / place.rename in the chain of the township it touches (a village's township,
// the township itself; a county's rename in each of its townships; a new county, which has
// none yet, in none), in the change's transaction (a new township's first entry right after).
int place_command(TownshipStore& store, platform::Clock& clock, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& options, bool json, const Actor& by);

}  // namespace vsk::township
