// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/audit_verify.h"

#include <algorithm>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>

namespace kiosk::core {

namespace fs = std::filesystem;

namespace {

/// One line of a trail file as read, with the record when it is one.
struct TrailLine {
    std::string file;
    std::uint64_t number = 0; ///< 1-based, within its file
    std::uint64_t offset = 0; ///< of its first byte in the file
    bool terminated = true;   ///< ends with a newline
    std::optional<nlohmann::json> record;
    std::uint64_t seq = 0;
    std::string prev;
    std::string hash;
};

bool readRecord(TrailLine& line, std::string_view text)
{
    auto record = nlohmann::json::parse(text, nullptr, false);
    if (!record.is_object())
        return false;
    const auto seq = record.find("seq");
    const auto prev = record.find("prev");
    const auto hash = record.find("hash");
    if (seq == record.end() || !seq->is_number_unsigned() || prev == record.end() ||
        !prev->is_string() || hash == record.end() || !hash->is_string())
        return false;
    line.seq = seq->get<std::uint64_t>();
    line.prev = prev->get<std::string>();
    line.hash = hash->get<std::string>();
    line.record = std::move(record);
    return true;
}

/// A shared hold of the writers' flock while the files are read, so that a record being
/// appended right now is not mistaken for a torn one. No lock file: nobody writes.
class ReadLock {
public:
    explicit ReadLock(const fs::path& dir)
        : fd_(::open((dir / "trail.lock").c_str(), O_RDONLY | O_CLOEXEC))
    {
        if (fd_ >= 0)
            ::flock(fd_, LOCK_SH);
    }
    ~ReadLock()
    {
        if (fd_ >= 0)
            ::close(fd_); // releases the lock
    }
    ReadLock(const ReadLock&) = delete;
    ReadLock& operator=(const ReadLock&) = delete;

private:
    int fd_;
};

base::Result<std::vector<TrailLine>> readLines(const fs::path& dataDir, std::uint64_t& files)
{
    const auto dir = dataDir / "audit";
    const ReadLock lock(dir);
    std::vector<std::pair<std::uint64_t, fs::path>> paths;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(dir, error))
        if (const auto first = auditFileFirstSeq(entry.path().filename().string()))
            paths.emplace_back(*first, entry.path());
    if (error)
        return base::fail(base::errc::io, "cannot read " + dir.string() + ": " + error.message());
    std::sort(paths.begin(), paths.end());
    files = paths.size();
    std::vector<TrailLine> lines;
    for (const auto& [first, path] : paths) {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return base::fail(base::errc::io, "cannot read " + path.string());
        const std::string text{std::istreambuf_iterator<char>(in), {}};
        std::uint64_t number = 0;
        for (std::size_t at = 0; at < text.size();) {
            const auto end = text.find('\n', at);
            TrailLine line;
            line.file = path.filename().string();
            line.number = ++number;
            line.offset = at;
            line.terminated = end != std::string::npos;
            const auto stop = line.terminated ? end : text.size();
            (void)readRecord(line, std::string_view(text).substr(at, stop - at));
            lines.push_back(std::move(line));
            at = stop + 1;
        }
    }
    return lines;
}

std::string where(const TrailLine& line)
{
    return "record " + std::to_string(line.number) + " of " + line.file;
}

/// Checks the records against each other; one pass with the whole trail known.
class Checker {
public:
    Checker(const std::vector<TrailLine>& lines, AuditReport& report)
        : lines_(lines), report_(report)
    {
        for (std::size_t i = 0; i < lines_.size(); ++i)
            if (lines_[i].record) {
                bySeq_.emplace(lines_[i].seq, i);
                referenced_.insert(lines_[i].prev);
            }
    }

    void run()
    {
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            const auto& line = lines_[i];
            if (!line.terminated)
                add("torn", line,
                    where(line) + " is incomplete: the writer stopped in the " +
                        "middle of it (a crash), or the file was cut");
            else if (!line.record)
                unreadable(i);
            else
                check(line);
        }
    }

private:
    void add(std::string kind, const TrailLine& line, std::string message, bool fatal = true)
    {
        AuditFinding finding{std::move(kind), line.file,          line.number,
                             std::nullopt,    std::move(message), fatal};
        if (line.record)
            finding.seq = line.seq;
        report_.findings.push_back(std::move(finding));
    }

    /// A line that is no record: a torn one the writer recovered from, or an edit.
    void unreadable(std::size_t i)
    {
        const auto& line = lines_[i];
        for (auto j = i + 1; j < lines_.size(); ++j) {
            if (!lines_[j].record)
                continue;
            const auto& next = *lines_[j].record;
            const auto detail = next.value("detail", nlohmann::json::object());
            if (next.value("event", "") == "audit.recovered" &&
                next.value("object", "") == line.file &&
                detail.value("tornOffset", std::uint64_t{0}) == line.offset) {
                add("recovered", line,
                    where(line) + " was cut short by a crash; the writer recovered at seq " +
                        std::to_string(lines_[j].seq),
                    false);
                return;
            }
            break;
        }
        add("malformed", line, where(line) + " is not a readable record (edited?)");
    }

    void check(const TrailLine& line)
    {
        const auto colon = line.hash.find(':');
        const auto alg = auditHashFromString(line.hash.substr(0, colon));
        if (!alg) {
            add("malformed", line, where(line) + " names no known hash algorithm");
            return;
        }
        if (auditRecordHash(*alg, *line.record) != line.hash)
            add("edited", line,
                where(line) + " (seq " + std::to_string(line.seq) +
                    ") was changed after it was written: its hash does not match its content");
        checkLink(line, *alg);
        checkOrder(line);
        report_.head = {line.seq, line.hash};
        ++report_.records;
    }

    /// Its "prev" must be the hash of a record with the seq before it.
    void checkLink(const TrailLine& line, AuditHash alg)
    {
        if (line.seq == 1) {
            if (line.prev != auditGenesis(alg))
                add("chain", line,
                    where(line) + " claims to be the first but does not start " + "the chain");
            return;
        }
        const auto [from, to] = bySeq_.equal_range(line.seq - 1);
        if (from == to)
            return; // a gap: checkOrder names it
        for (auto it = from; it != to; ++it)
            if (lines_[it->second].hash == line.prev)
                return;
        add("chain", line,
            where(line) + " (seq " + std::to_string(line.seq) + ") does not follow seq " +
                std::to_string(line.seq - 1) + ": one of them was inserted or replaced");
    }

    void checkOrder(const TrailLine& line)
    {
        const auto s = line.seq;
        if (!lastSeq_) {
            lastSeq_ = s;
            if (s != 1)
                firstRecord(line);
            return;
        }
        const auto expected = *lastSeq_ + 1;
        if (s > expected) {
            std::uint64_t absent = 0;
            for (auto missing = expected; missing < s; ++missing)
                absent += bySeq_.count(missing) == 0 ? 1 : 0;
            const auto range = std::to_string(expected) + ".." + std::to_string(s - 1);
            if (absent == 0)
                add("reordered", line,
                    where(line) + " (seq " + std::to_string(s) + ") comes before seq " + range);
            else
                add("missing", line,
                    "records of seq " + range + " are missing before " + where(line) +
                        (line.number == 1 ? " (a rotated file removed?)" : " (deleted)"));
        } else if (s < expected) {
            duplicateOrLate(line);
        }
        lastSeq_ = std::max(*lastSeq_, s);
    }

    void duplicateOrLate(const TrailLine& line)
    {
        const auto [from, to] = bySeq_.equal_range(line.seq);
        if (std::distance(from, to) < 2) {
            add("reordered", line,
                where(line) + " (seq " + std::to_string(line.seq) + ") comes after seq " +
                    std::to_string(*lastSeq_));
            return;
        }
        // Two records claim one seq: the one no later record follows is the inserted one.
        const TrailLine* other = &lines_[from->second];
        const TrailLine* inserted = referenced_.contains(other->hash) ? &line : other;
        const TrailLine* kept = inserted == &line ? other : &line;
        add("duplicate", *inserted,
            where(*inserted) + " repeats seq " + std::to_string(line.seq) + " of " + where(*kept) +
                ": it was inserted");
    }

    /// The oldest record is not seq 1: removed, unless an "audit.pruned" record vouches.
    void firstRecord(const TrailLine& line)
    {
        for (const auto& other : lines_) {
            if (!other.record || other.record->value("event", "") != "audit.pruned")
                continue;
            const auto detail = other.record->value("detail", nlohmann::json::object());
            if (detail.value("throughSeq", std::uint64_t{0}) == line.seq - 1 &&
                detail.value("lastHash", "") == line.prev) {
                add("pruned", line,
                    "records up to seq " + std::to_string(line.seq - 1) +
                        " were removed by the size cap (recorded at seq " +
                        std::to_string(other.seq) + ")",
                    false);
                return;
            }
        }
        add("missing", line,
            "records of seq 1.." + std::to_string(line.seq - 1) + " are missing before " +
                where(line) + " (the oldest file removed?)");
    }

    const std::vector<TrailLine>& lines_;
    AuditReport& report_;
    std::multimap<std::uint64_t, std::size_t> bySeq_;
    std::set<std::string> referenced_; ///< every "prev"
    std::optional<std::uint64_t> lastSeq_;
};

void checkAnchor(const std::vector<TrailLine>& lines, const AuditAnchor& anchor,
                 AuditReport& report)
{
    std::uint64_t highest = 0;
    const TrailLine* last = nullptr;
    for (const auto& line : lines)
        if (line.record && line.seq >= highest) {
            highest = line.seq;
            last = &line;
        }
    AuditFinding finding;
    finding.seq = anchor.seq;
    if (highest < anchor.seq) {
        finding.kind = "truncated";
        finding.message = "the trail ends at seq " + std::to_string(highest) +
                          " but the platform's anchor is seq " + std::to_string(anchor.seq) +
                          ": records were removed from its end";
        if (last) {
            finding.file = last->file;
            finding.record = last->number;
        }
        report.findings.push_back(std::move(finding));
        return;
    }
    std::optional<std::uint64_t> lowest;
    for (const auto& line : lines) {
        if (!line.record)
            continue;
        if (line.seq == anchor.seq && line.hash == anchor.hash)
            return;
        lowest = std::min(lowest.value_or(line.seq), line.seq);
    }
    if (lowest && anchor.seq < *lowest && report.ok()) {
        // Removed by the size cap since the platform saw it; the first file vouched for that.
        finding.kind = "pruned";
        finding.message = "the anchor's record (seq " + std::to_string(anchor.seq) +
                          ") was pruned; the trail after it verifies";
        finding.fatal = false;
        report.findings.push_back(std::move(finding));
        return;
    }
    finding.kind = "rewritten";
    finding.message = "no record of seq " + std::to_string(anchor.seq) +
                      " has the hash the platform received: the trail was rewritten from there";
    for (const auto& line : lines)
        if (line.record && line.seq == anchor.seq) {
            finding.file = line.file;
            finding.record = line.number;
        }
    report.findings.push_back(std::move(finding));
}

} // namespace

bool AuditReport::ok() const
{
    return std::none_of(findings.begin(), findings.end(), [](const auto& f) { return f.fatal; });
}

nlohmann::json AuditReport::toJson() const
{
    auto list = nlohmann::json::array();
    for (const auto& f : findings) {
        nlohmann::json item{{"kind", f.kind},
                            {"file", f.file},
                            {"record", f.record},
                            {"message", f.message},
                            {"fatal", f.fatal}};
        if (f.seq)
            item["seq"] = *f.seq;
        list.push_back(std::move(item));
    }
    return {{"ok", ok()},
            {"files", files},
            {"records", records},
            {"head", {{"seq", head.seq}, {"hash", head.hash}}},
            {"findings", std::move(list)}};
}

base::Result<AuditReport> verifyAuditTrail(const fs::path& dataDir,
                                           std::optional<AuditAnchor> anchor)
{
    AuditReport report;
    auto lines = readLines(dataDir, report.files);
    if (!lines)
        return base::fail(lines.error());
    Checker(*lines, report).run();
    if (anchor)
        checkAnchor(*lines, *anchor, report);
    return report;
}

base::Result<std::vector<nlohmann::json>> readAuditRecords(const fs::path& dataDir,
                                                           std::string_view since)
{
    std::uint64_t files = 0;
    auto lines = readLines(dataDir, files);
    if (!lines)
        return base::fail(lines.error());
    std::vector<nlohmann::json> records;
    for (auto& line : *lines)
        if (line.record && line.record->value("time", "") >= since)
            records.push_back(std::move(*line.record));
    return records;
}

std::optional<AuditAnchor> parseAuditAnchor(std::string_view text)
{
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_object()) {
        const auto seq = json.find("seq");
        const auto hash = json.find("hash");
        if (seq != json.end() && seq->is_number_unsigned() && hash != json.end() &&
            hash->is_string())
            return AuditAnchor{seq->get<std::uint64_t>(), hash->get<std::string>()};
        return std::nullopt;
    }
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return std::nullopt;
    std::uint64_t seq = 0;
    for (const char c : text.substr(0, colon)) {
        if (c < '0' || c > '9')
            return std::nullopt;
        seq = seq * 10 + static_cast<std::uint64_t>(c - '0');
    }
    const auto hash = text.substr(colon + 1);
    if (!auditHashFromString(hash.substr(0, hash.find(':'))))
        return std::nullopt;
    return AuditAnchor{seq, std::string(hash)};
}

} // namespace kiosk::core
