// SPDX-License-Identifier: Apache-2.0
#include "platform_sim/records.h"

namespace platform_sim {

nlohmann::json toJson(const Snapshot& snapshot)
{
    const Counters& counters = snapshot.counters;
    const nlohmann::json counts = {
        {"cases", snapshot.cases.size()},
        {"materials", snapshot.materials.size()},
        {"evaluations", snapshot.evaluations.size()},
        {"heartbeats", snapshot.heartbeats.size()},
        {"pendingCommands", snapshot.pendingCommands.size()},
        {"requests", counters.requests},
        {"replays", counters.replays},
        {"conflicts", counters.conflicts},
        {"injectedFaults", counters.injectedFaults},
        {"droppedResponses", counters.droppedResponses},
    };
    return {{"cases", snapshot.cases},
            {"materials", snapshot.materials},
            {"evaluations", snapshot.evaluations},
            {"heartbeats", snapshot.heartbeats},
            {"pendingCommands", snapshot.pendingCommands},
            {"counts", counts}};
}

} // namespace platform_sim
