// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/audit_trail.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace kiosk::core {

namespace fs = std::filesystem;

namespace {

/// How much of a file's end is read to find its last record; records are far smaller.
constexpr std::size_t tailBytes = 64 * 1024;

/// Holds the trail's flock for one append (or anchor), across processes.
class FileLock {
public:
    explicit FileLock(int fd) : fd_(fd) { locked_ = ::flock(fd_, LOCK_EX) == 0; }
    ~FileLock()
    {
        if (locked_)
            ::flock(fd_, LOCK_UN);
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    [[nodiscard]] bool locked() const { return locked_; }

private:
    int fd_;
    bool locked_ = false;
};

std::string hex(const unsigned char* bytes, std::size_t size)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        text.push_back(digits[bytes[i] >> 4]);
        text.push_back(digits[bytes[i] & 0xF]);
    }
    return text;
}

/// The trail's files, oldest first.
std::vector<std::pair<std::uint64_t, fs::path>> trailFiles(const fs::path& dir)
{
    std::vector<std::pair<std::uint64_t, fs::path>> files;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(dir, error))
        if (const auto first = auditFileFirstSeq(entry.path().filename().string()))
            files.emplace_back(*first, entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

/// The end of a file: its last complete record (if any) and the bytes of a torn one after it.
struct Tail {
    std::optional<AuditAnchor> last;
    std::uint64_t size = 0;
    std::uint64_t tornBytes = 0;
    bool missingNewline = false;
};

std::optional<AuditAnchor> readAnchor(std::string_view line)
{
    const auto record = nlohmann::json::parse(line, nullptr, false);
    if (!record.is_object())
        return std::nullopt;
    const auto seq = record.find("seq");
    const auto hash = record.find("hash");
    if (seq == record.end() || !seq->is_number_unsigned() || hash == record.end() ||
        !hash->is_string())
        return std::nullopt;
    return AuditAnchor{seq->get<std::uint64_t>(), hash->get<std::string>()};
}

base::Result<Tail> readTail(const fs::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return base::fail(base::fromErrno("open " + path.string(), errno));
    struct stat info {};
    ::fstat(fd, &info);
    Tail tail;
    tail.size = static_cast<std::uint64_t>(info.st_size);
    const auto from = tail.size > tailBytes ? tail.size - tailBytes : 0;
    std::string text(tail.size - from, '\0');
    const auto got = ::pread(fd, text.data(), text.size(), static_cast<off_t>(from));
    ::close(fd);
    if (got != static_cast<ssize_t>(text.size()))
        return base::fail(base::errc::io, "cannot read " + path.string());
    const auto lastNewline = text.rfind('\n');
    tail.tornBytes = text.size() - (lastNewline == std::string::npos ? 0 : lastNewline + 1);
    if (tail.tornBytes > 0)
        if (auto whole = readAnchor(std::string_view(text).substr(text.size() - tail.tornBytes))) {
            // Complete but for its newline: not torn; the next append ends the line first.
            tail.last = std::move(whole);
            tail.tornBytes = 0;
            tail.missingNewline = true;
            return tail;
        }
    if (lastNewline == std::string::npos)
        return tail;
    // The last record that reads: an edited (unreadable) one is skipped, and verify names it.
    std::size_t end = lastNewline;
    while (true) {
        const auto start = end == 0 ? std::string::npos : text.rfind('\n', end - 1);
        const auto begin = start == std::string::npos ? 0 : start + 1;
        if (auto anchor = readAnchor(std::string_view(text).substr(begin, end - begin))) {
            tail.last = std::move(anchor);
            return tail;
        }
        if (start == std::string::npos)
            return tail;
        end = start;
    }
}

/// kioskctl often runs as root while the kiosk runs as its own user: a file root creates in the
/// trail is given to the folder's owner, or the kiosk could not append to it afterwards.
void giveToFolderOwner(int fd, const fs::path& dir)
{
    struct stat folder {};
    struct stat file {};
    if (::geteuid() != 0 || ::stat(dir.c_str(), &folder) != 0 || ::fstat(fd, &file) != 0)
        return;
    if (file.st_uid != folder.st_uid || file.st_gid != folder.st_gid)
        (void)::fchown(fd, folder.st_uid, folder.st_gid);
}

base::Result<void> fsyncDir(const fs::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return base::fail(base::fromErrno("open " + dir.string(), errno));
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return base::fail(base::fromErrno("fsync " + dir.string(), errno));
    return {};
}

} // namespace

/// The chain's end as found on disk under the lock.
struct AuditTrail::Head {
    AuditAnchor last;
    fs::path file; ///< the newest file; empty when there is none
    std::uint64_t fileSize = 0;
    std::uint64_t tornBytes = 0; ///< of a record a crash left unfinished at the file's end
    bool missingNewline = false; ///< the last record is whole but a crash kept its newline
};

std::string_view toString(AuditHash hash)
{
    return hash == AuditHash::Sm3 ? "sm3" : "sha256";
}

std::optional<AuditHash> auditHashFromString(std::string_view name)
{
    if (name == "sha256")
        return AuditHash::Sha256;
    if (name == "sm3")
        return AuditHash::Sm3;
    return std::nullopt;
}

std::string auditRecordHash(AuditHash alg, const nlohmann::json& record)
{
    auto body = record;
    body.erase("hash");
    const auto text = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_Digest(text.data(), text.size(), digest.data(), &length,
               alg == AuditHash::Sm3 ? EVP_sm3() : EVP_sha256(), nullptr);
    return std::string(toString(alg)) + ":" + hex(digest.data(), length);
}

std::string auditGenesis(AuditHash alg)
{
    return std::string(toString(alg)) + ":" + std::string(64, '0');
}

std::string maskReference(std::string_view reference)
{
    if (reference.size() < 8)
        return "****";
    return "****" + std::string(reference.substr(reference.size() - 4));
}

std::string auditFileName(std::uint64_t firstSeq)
{
    char name[48];
    std::snprintf(name, sizeof name, "trail-%012llu.jsonl",
                  static_cast<unsigned long long>(firstSeq));
    return name;
}

std::optional<std::uint64_t> auditFileFirstSeq(std::string_view fileName)
{
    constexpr std::string_view prefix = "trail-", suffix = ".jsonl";
    if (fileName.size() != prefix.size() + 12 + suffix.size() || !fileName.starts_with(prefix) ||
        !fileName.ends_with(suffix))
        return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : fileName.substr(prefix.size(), 12)) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

std::string auditTime(base::Clock::TimePoint time)
{
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[40];
    const auto length = std::strftime(text, sizeof text, "%FT%T", &utc);
    std::snprintf(text + length, sizeof text - length, ".%03dZ", static_cast<int>(ms % 1000));
    return text;
}

base::Result<std::unique_ptr<AuditTrail>>
AuditTrail::open(const fs::path& dataDir, AuditOptions options, const base::Clock& clock)
{
    const auto dir = dataDir / "audit";
    std::error_code error;
    // data_dir is owner-only (it holds the queue); so is the trail.
    for (const auto& made : {dataDir, dir})
        if (!error && !fs::exists(made, error) && !error) {
            fs::create_directories(made, error);
            if (!error)
                fs::permissions(made, fs::perms::owner_all, fs::perm_options::replace, error);
        }
    if (error)
        return base::fail(base::errc::io, "cannot create " + dir.string() + ": " + error.message());
    if (const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dirFd >= 0) {
        giveToFolderOwner(dirFd, dataDir); // made by root (kioskctl): the kiosk's, like data_dir
        ::close(dirFd);
    }
    const auto lockPath = dir / "trail.lock";
    const int lockFd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lockFd < 0)
        return base::fail(base::fromErrno("open " + lockPath.string(), errno));
    giveToFolderOwner(lockFd, dir);
    return std::unique_ptr<AuditTrail>(new AuditTrail(dir, std::move(options), clock, lockFd));
}

AuditTrail::AuditTrail(fs::path dir, AuditOptions options, const base::Clock& clock, int lockFd)
    : dir_(std::move(dir)), options_(std::move(options)), clock_(clock), lockFd_(lockFd)
{
}

AuditTrail::~AuditTrail()
{
    (void)flush();
    if (fileFd_ >= 0)
        ::close(fileFd_);
    ::close(lockFd_);
}

base::Result<AuditAnchor> AuditTrail::append(AuditEvent event)
{
    std::lock_guard lock(mutex_);
    const FileLock fileLock(lockFd_);
    if (!fileLock.locked())
        return base::fail(base::fromErrno("flock " + dir_.string(), errno));
    return appendLocked(std::move(event));
}

base::Result<AuditTrail::Head> AuditTrail::readHead()
{
    Head head;
    head.last = {0, auditGenesis(options_.hash)};
    const auto files = trailFiles(dir_);
    if (files.empty())
        return head;
    head.file = files.back().second;
    // Back from the newest file to the first that holds a complete record: the newest may be
    // empty (a crash right after a rotation) or hold only a torn record.
    for (auto file = files.rbegin(); file != files.rend(); ++file) {
        auto tail = readTail(file->second);
        if (!tail)
            return base::fail(tail.error());
        if (file == files.rbegin()) {
            head.fileSize = tail->size;
            head.tornBytes = tail->tornBytes;
            head.missingNewline = tail->missingNewline;
        }
        if (tail->last) {
            head.last = *tail->last;
            return head;
        }
    }
    return head;
}

base::Result<AuditAnchor> AuditTrail::appendLocked(AuditEvent event)
{
    auto head = readHead();
    if (!head)
        return base::fail(head.error());
    bool rotated = false;
    const auto write = [&](AuditEvent what) -> base::Result<AuditAnchor> {
        nlohmann::json record{{"seq", head->last.seq + 1},
                              {"time", auditTime(clock_.now())},
                              {"actor", what.actor.empty() ? options_.actor : what.actor},
                              {"event", what.event},
                              {"object", what.object},
                              {"result", what.result},
                              {"prev", head->last.hash}};
        if (!what.detail.empty())
            record["detail"] = what.detail;
        record["hash"] = auditRecordHash(options_.hash, record);
        const auto line =
            record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
        const bool rotate =
            head->file.empty() || (head->fileSize > 0 && head->tornBytes == 0 &&
                                   head->fileSize + line.size() > options_.fileBytes);
        if (rotate) {
            if (auto synced = syncLocked(); !synced)
                return base::fail(synced.error());
            head->file = dir_ / auditFileName(head->last.seq + 1);
            head->fileSize = 0;
            rotated = true;
        }
        if (auto opened = openFile(head->file.string()); !opened)
            return base::fail(opened.error());
        if (rotate)
            (void)fsyncDir(dir_);
        if (auto written = writeLine(line); !written)
            return base::fail(written.error());
        head->fileSize += line.size();
        head->last = {head->last.seq + 1, record["hash"].get<std::string>()};
        if (++unsynced_ >= options_.fsyncBatch || what.durable)
            if (auto synced = syncLocked(); !synced)
                return base::fail(synced.error());
        return head->last;
    };

    if (head->missingNewline) {
        if (auto opened = openFile(head->file.string()); !opened)
            return base::fail(opened.error());
        if (auto ended = writeLine("\n"); !ended)
            return base::fail(ended.error());
        head->fileSize += 1;
    }
    if (head->tornBytes > 0) {
        // A crash cut the last record short. It stays (verify reports it), ended by a newline,
        // and the chain goes on from the last complete record.
        if (auto opened = openFile(head->file.string()); !opened)
            return base::fail(opened.error());
        if (auto ended = writeLine("\n"); !ended)
            return base::fail(ended.error());
        AuditEvent recovered{.actor = options_.actor,
                             .event = "audit.recovered",
                             .object = head->file.filename().string(),
                             .result = "ok",
                             .detail = {{"tornOffset", head->fileSize - head->tornBytes},
                                        {"tornBytes", head->tornBytes}},
                             .durable = true};
        head->fileSize += 1;
        head->tornBytes = 0;
        if (auto done = write(std::move(recovered)); !done)
            return done;
    }
    auto appended = write(std::move(event));
    if (appended && rotated)
        pruneLocked();
    return appended;
}

void AuditTrail::pruneLocked()
{
    auto files = trailFiles(dir_);
    std::uint64_t total = 0;
    std::error_code error;
    for (const auto& [first, path] : files)
        total += fs::file_size(path, error);
    if (total <= options_.maxBytes || files.size() < 2)
        return;
    // The oldest files go until the rest fit; a record says how far, and what the last gone
    // record's hash was, so verify accepts the new first file and nothing else missing.
    std::size_t removed = 0;
    std::optional<AuditAnchor> lastGone;
    while (total > options_.maxBytes && files.size() - removed > 1) {
        const auto& path = files[removed].second;
        auto tail = readTail(path);
        if (!tail || !tail->last)
            break;
        lastGone = tail->last;
        total -= tail->size;
        fs::remove(path, error);
        ++removed;
    }
    if (!lastGone)
        return;
    (void)fsyncDir(dir_);
    (void)appendLocked(
        AuditEvent{.actor = options_.actor,
                   .event = "audit.pruned",
                   .object = std::to_string(removed) + " files",
                   .result = "ok",
                   .detail = {{"throughSeq", lastGone->seq}, {"lastHash", lastGone->hash}},
                   .durable = true});
}

base::Result<void> AuditTrail::openFile(const std::string& path)
{
    if (fileFd_ >= 0 && filePath_ == path)
        return {};
    if (auto synced = syncLocked(); !synced)
        return synced;
    if (fileFd_ >= 0)
        ::close(fileFd_);
    fileFd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fileFd_ < 0) {
        filePath_.clear();
        return base::fail(base::fromErrno("open " + path, errno));
    }
    filePath_ = path;
    giveToFolderOwner(fileFd_, dir_);
    return {};
}

base::Result<void> AuditTrail::writeLine(const std::string& line)
{
    std::size_t done = 0;
    while (done < line.size()) {
        const auto n = ::write(fileFd_, line.data() + done, line.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return base::fail(base::fromErrno("write " + filePath_.string(), errno));
        done += static_cast<std::size_t>(n);
    }
    return {};
}

base::Result<void> AuditTrail::syncLocked()
{
    if (fileFd_ < 0 || unsynced_ == 0)
        return {};
    if (::fdatasync(fileFd_) != 0)
        return base::fail(base::fromErrno("fsync " + filePath_.string(), errno));
    unsynced_ = 0;
    return {};
}

base::Result<void> AuditTrail::flush()
{
    std::lock_guard lock(mutex_);
    return syncLocked();
}

base::Result<AuditAnchor> AuditTrail::anchor()
{
    std::lock_guard lock(mutex_);
    const FileLock fileLock(lockFd_);
    if (auto synced = syncLocked(); !synced)
        return base::fail(synced.error());
    auto head = readHead();
    if (!head)
        return base::fail(head.error());
    return head->last;
}

base::Result<AuditAnchor> AuditTrail::maintenanceLogin(std::string_view who,
                                                       std::string_view method, bool succeeded,
                                                       std::string_view reason)
{
    AuditEvent event{.actor = "technician " + maskReference(who),
                     .event = "maintenance.login",
                     .object = std::string(method),
                     .result = succeeded ? "ok" : "refused",
                     .durable = true};
    if (!reason.empty())
        event.detail["reason"] = std::string(reason);
    return append(std::move(event));
}

base::Result<AuditAnchor> AuditTrail::maintenanceLogout(std::string_view who, std::string_view why)
{
    return append({.actor = "technician " + maskReference(who),
                   .event = "maintenance.logout",
                   .object = std::string(why),
                   .durable = true});
}

} // namespace kiosk::core
