// SPDX-License-Identifier: Apache-2.0
// Fuzzes every platform answer the kiosk reads, through the functions the kiosk uses, with a
// fake Uplink that answers the fuzzed body. Byte 0 picks the answer, byte 1 the HTTP status,
// the rest is the body. Whatever the bytes, each call returns a value or an error: no
// exception, no crash, no sanitizer report.
#include "kiosk/core/case_progress.h"
#include "kiosk/core/catalog_sync.h"
#include "kiosk/core/heartbeat.h"
#include "kiosk/core/identity_code.h"
#include "offline_queue/delivery.h"
#include "offline_queue/platform_client.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;

/// Answers every request with the same response, as a platform that says only this.
class FixedUplink : public queue::Uplink {
public:
    explicit FixedUplink(queue::UplinkResponse response) : response_(std::move(response)) {}
    base::Result<queue::UplinkResponse> send(const queue::UplinkRequest&,
                                             std::stop_token = {}) override
    {
        return response_;
    }

private:
    queue::UplinkResponse response_;
};

/// The statuses the kiosk treats differently (specs/platform-api.md "Errors"), 200 first.
constexpr std::array<long, 15> statuses{200, 201, 304, 400, 401, 403, 404, 409,
                                        410, 413, 422, 429, 500, 503, 302};

/// Scratch files shared by every run: a queue for the heartbeat's counts, a data dir for
/// catalog installs. Made once.
struct Scratch {
    fs::path dir;
    std::unique_ptr<queue::Store> store;
    std::unique_ptr<kiosk::core::CatalogStore> catalogs;
    std::unique_ptr<kiosk::core::CatalogHolder> holder;

    Scratch()
    {
        std::string pattern = (fs::temp_directory_path() / "platform_answer_fuzz.XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr)
            std::abort();
        dir = pattern;
        auto opened = queue::Store::open(dir / "queue.db");
        if (!opened)
            std::abort();
        store = std::move(*opened);
        catalogs = std::make_unique<kiosk::core::CatalogStore>(
            dir / "data", std::vector<kiosk::core::TrustedKey>{});
        holder = std::make_unique<kiosk::core::CatalogHolder>(kiosk::core::Catalog{});
    }
    ~Scratch() { fs::remove_all(dir); }
};

Scratch& scratch()
{
    static Scratch instance;
    return instance;
}

void beat(FixedUplink& uplink)
{
    kiosk::core::CommandRegistry registry;
    for (const char* type : {"sync_catalog", "retry_dead_letters", "set_config", "reboot"})
        registry.add(type, [](const nlohmann::json& args) -> base::Result<void> {
            (void)args.dump(); // what a handler does with its args: it must not throw
            return {};
        });
    const base::SystemClock clock;
    kiosk::core::HeartbeatClient client(uplink, *scratch().store, "SC-510703-0042", "0.1.0", clock,
                                        registry, {});
    if (auto ran = client.beat(); ran && !ran->empty())
        (void)client.beat(); // the same answer again: nothing runs twice
    (void)kiosk::core::readCommands(uplink.send({})->body);
}

void syncCatalog(FixedUplink& uplink)
{
    kiosk::core::CatalogSync sync(uplink, *scratch().catalogs, *scratch().holder,
                                  base::systemClock());
    (void)sync.syncNow(); // the store has no audit trail here, so a long run fills nothing
}

void classifyAll(const base::Result<queue::UplinkResponse>& answer)
{
    for (auto kind :
         {queue::RecordKind::Material, queue::RecordKind::Case, queue::RecordKind::Evaluation})
        (void)queue::classify(kind, answer);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 2)
        return 0;
    queue::UplinkResponse response;
    response.status = statuses[data[1] % statuses.size()];
    response.body.assign(reinterpret_cast<const char*>(data + 2), size - 2);
    response.contentType = (data[1] & 0x80) ? "application/pdf" : "application/json";
    FixedUplink uplink(response);
    switch (data[0] % 7) {
    case 0:
        beat(uplink);
        break;
    case 1:
        classifyAll(uplink.send({}));
        break;
    case 2:
        if (auto cases = queue::queryCases(uplink, "resident", "51070319900101123X"))
            (void)kiosk::core::progressRows(*cases); // what the progress screen shows
        (void)queue::readCaseList(response.body);
        break;
    case 3:
        (void)queue::fetchDocument(uplink, "ITEM-1", "resident", "51070319900101123X");
        break;
    case 4:
        syncCatalog(uplink);
        break;
    case 5: {
        queue::UplinkRequest request;
        request.method = "POST";
        request.path = "/v1/cases";
        (void)queue::rejection(request, response);
        (void)queue::platformErrorCode(response.body);
        break;
    }
    case 6:
        if (auto card = kiosk::core::resolveIdentityCode(uplink, "fuzz-identity-token-0001"); !card)
            (void)kiosk::core::identityCodeMessage(card.error());
        (void)queue::readResolvedIdentity(response.body);
        break;
    }
    return 0;
}
