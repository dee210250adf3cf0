// SPDX-License-Identifier: Apache-2.0
#include "platform_sim/persistence.h"

#include "platform_sim/file_io.h"

namespace platform_sim {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(StoredCase, record, personDigest)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(IdempotencyEntry, path, bodySha256, status, body)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Records, cases, materials, evaluations, commands,
                                                idempotency, lastCaseSequence, lastCommandSequence)

namespace {
constexpr int formatVersion = 1;
}

base::Result<Records> loadRecords(const std::string& path)
{
    auto text = readFile(path);
    if (!text && text.error().code == base::errc::not_found)
        return Records{};
    if (!text)
        return base::fail(text.error());
    try {
        const auto json = nlohmann::json::parse(*text);
        if (json.value("version", 0) != formatVersion)
            return base::fail(base::errc::parse, path + ": unknown state file version");
        return json.at("records").get<Records>();
    } catch (const nlohmann::json::exception& e) {
        return base::fail(base::errc::parse, path + ": " + e.what());
    }
}

base::Result<void> saveRecords(const std::string& path, const Records& records)
{
    const nlohmann::json json = {{"version", formatVersion}, {"records", records}};
    // 0600 (writeFileAtomically): the file holds pseudonyms of applicants.
    return writeFileAtomically(path, json.dump(2) + "\n");
}

} // namespace platform_sim
