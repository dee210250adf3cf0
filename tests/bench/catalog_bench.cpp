// SPDX-License-Identifier: Apache-2.0
// The catalog's hot paths: load + verify the signed 200-item catalog (budget 20 ms), and
// search per keystroke (budget 2 ms at 200 items, 20 ms at 20,000 generated items).
// Baselines in the same run: parsing the same JSON with nlohmann alone, and a plain substring
// scan over the item names.
#include "kiosk/core/catalog_envelope.h"
#include "kiosk/core/catalog_search.h"
#include "kiosk/core/service_catalog.h"

#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

namespace {

using kiosk::core::Catalog;

std::string shippedText()
{
    std::ifstream in(kiosk::core::shippedCatalogPath(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A signed envelope of the shipped catalog and the key to verify it, made once.
struct Signed {
    std::string envelope;
    std::vector<kiosk::core::TrustedKey> keys;
};

Signed makeSigned(const char* alg)
{
    const auto dir = std::filesystem::temp_directory_path() /
                     ("kiosk-bench-" + std::to_string(::getpid()) + alg);
    std::filesystem::create_directories(dir);
    EVP_PKEY* key =
        EVP_PKEY_Q_keygen(nullptr, nullptr, std::string(alg) == "sm2" ? "SM2" : "ED25519");
    FILE* pub = std::fopen((dir / "pub.pem").c_str(), "w");
    FILE* priv = std::fopen((dir / "key.pem").c_str(), "w");
    PEM_write_PUBKEY(pub, key);
    PEM_write_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(pub);
    std::fclose(priv);
    EVP_PKEY_free(key);
    Signed result;
    result.envelope =
        kiosk::core::signCatalog(shippedText(), (dir / "key.pem").string(), "bench", alg).value();
    kiosk::core::TrustedKey trusted;
    trusted.id = "bench";
    trusted.alg = alg;
    trusted.publicKeyFile = dir / "pub.pem";
    // The public key stays for the run; the private key is not needed any more.
    std::filesystem::remove(dir / "key.pem");
    result.keys = {trusted};
    return result;
}

void BM_BaselineJsonParse200(benchmark::State& state)
{
    const auto text = shippedText();
    for (auto _ : state)
        benchmark::DoNotOptimize(nlohmann::json::parse(text));
}
BENCHMARK(BM_BaselineJsonParse200)->Unit(benchmark::kMillisecond);

void BM_LoadAndVerify200(benchmark::State& state, const char* alg)
{
    static std::map<std::string, Signed> made;
    if (!made.contains(alg))
        made.emplace(alg, makeSigned(alg));
    const auto& signedCatalog = made.at(alg);
    for (auto _ : state) {
        auto verified = kiosk::core::verifyEnvelopeText(signedCatalog.envelope, signedCatalog.keys);
        if (!verified)
            state.SkipWithError(verified.error().message.c_str());
        benchmark::DoNotOptimize(verified);
    }
}
BENCHMARK_CAPTURE(BM_LoadAndVerify200, ed25519, "ed25519")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadAndVerify200, sm2, "sm2")->Unit(benchmark::kMillisecond);

/// The shipped catalog, or `copies` copies of its items with distinct codes.
const Catalog& catalogOf(std::size_t copies)
{
    static std::map<std::size_t, Catalog> made;
    if (auto it = made.find(copies); it != made.end())
        return it->second;
    auto shipped = kiosk::core::parseCatalog(shippedText()).value();
    Catalog generated = shipped;
    generated.items.clear();
    for (std::size_t c = 0; c < copies; ++c)
        for (auto item : shipped.items) {
            item.code += "-" + std::to_string(c);
            generated.items.push_back(std::move(item));
        }
    return made.emplace(copies, std::move(generated)).first->second;
}

/// The keystrokes of someone typing 社会保险 in pinyin, then in initials.
constexpr std::array keystrokes{"s",      "sh",      "she",      "sheh",      "shehu",
                                "shehui", "shehuib", "shehuiba", "shehuibao", "s",
                                "sh",     "shb",     "shbx"};

void BM_BaselineSubstringScan(benchmark::State& state)
{
    const auto& catalog = catalogOf(static_cast<std::size_t>(state.range(0)));
    std::size_t k = 0;
    for (auto _ : state) {
        std::size_t hits = 0;
        const std::string query = keystrokes[k++ % keystrokes.size()];
        for (const auto& item : catalog.items)
            hits += item.name.find(query) != std::string::npos;
        benchmark::DoNotOptimize(hits);
    }
    state.counters["items"] = static_cast<double>(catalog.items.size());
}
BENCHMARK(BM_BaselineSubstringScan)->Arg(1)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_SearchPerKeystroke(benchmark::State& state)
{
    const auto& catalog = catalogOf(static_cast<std::size_t>(state.range(0)));
    const kiosk::core::CatalogSearch search(catalog, kiosk::core::PinyinTable::system().value());
    std::size_t k = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(search.search(keystrokes[k++ % keystrokes.size()], 20));
    state.counters["items"] = static_cast<double>(catalog.items.size());
}
BENCHMARK(BM_SearchPerKeystroke)->Arg(1)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_BuildSearchIndex(benchmark::State& state)
{
    const auto& catalog = catalogOf(static_cast<std::size_t>(state.range(0)));
    const auto* pinyin = kiosk::core::PinyinTable::system().value();
    for (auto _ : state)
        benchmark::DoNotOptimize(kiosk::core::CatalogSearch(catalog, pinyin));
}
BENCHMARK(BM_BuildSearchIndex)->Arg(1)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_BuildPinyinTable(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(
            kiosk::core::PinyinTable::build(kiosk::core::systemPinyinDictionary()));
}
BENCHMARK(BM_BuildPinyinTable)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

BENCHMARK_MAIN();
