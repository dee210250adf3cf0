// SPDX-License-Identifier: Apache-2.0
#include "offline_queue/cipher.h"

#include "base/secure_buffer.h"
#include "offline_queue/store.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace queue {

namespace {

constexpr std::size_t gcmNonce = 12;
constexpr std::size_t gcmTag = 16;
constexpr std::size_t sm4Iv = 16;
constexpr std::size_t sm3Mac = 32;

struct CipherCtxDeleter {
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

const unsigned char* bytes(std::string_view text)
{
    return reinterpret_cast<const unsigned char*>(text.data());
}

unsigned char* bytes(std::string& text)
{
    return reinterpret_cast<unsigned char*>(text.data());
}

base::Error cryptoError(std::string_view what)
{
    return {QueueErrc::database, "queue encryption: " + std::string(what) + " failed"};
}

base::Error tampered()
{
    return {QueueErrc::corrupt, "a queued record does not decrypt with the queue key (wrong "
                                "[queue] key_file, or the record was altered)"};
}

/// Runs a CTR or GCM pass (encrypt or decrypt: the same for a stream mode) over `in`.
bool streamPass(EVP_CIPHER_CTX* ctx, std::string_view in, std::string& out, std::size_t at)
{
    int written = 0;
    if (!in.empty() && EVP_CipherUpdate(ctx, bytes(out) + at, &written, bytes(in),
                                        static_cast<int>(in.size())) != 1)
        return false;
    int final = 0;
    return EVP_CipherFinal_ex(ctx, bytes(out) + at + written, &final) == 1;
}

/// HMAC-SM3 over version, IV, AAD length, AAD and ciphertext (encrypt-then-MAC).
std::string sm3Tag(const std::uint8_t* macKey, std::string_view header, std::string_view aad,
                   std::string_view ciphertext)
{
    std::string input(header);
    const auto aadSize = static_cast<std::uint32_t>(aad.size());
    for (int shift = 24; shift >= 0; shift -= 8)
        input.push_back(static_cast<char>((aadSize >> shift) & 0xff));
    input.append(aad).append(ciphertext);
    std::string mac(sm3Mac, '\0');
    unsigned int size = 0;
    if (!HMAC(EVP_sm3(), macKey, 16, bytes(input), input.size(), bytes(mac), &size) ||
        size != sm3Mac)
        return {};
    return mac;
}

base::Result<std::string> sealGcm(const CipherKey& key, std::string_view plain,
                                  std::string_view aad)
{
    std::string out(1 + gcmNonce + plain.size() + gcmTag, '\0');
    out[0] = static_cast<char>(CipherAlg::Aes256Gcm);
    if (RAND_bytes(bytes(out) + 1, gcmNonce) != 1)
        return base::fail(cryptoError("random nonce"));
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int ignored = 0;
    if (!ctx ||
        EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), bytes(out) + 1) !=
            1 ||
        EVP_EncryptUpdate(ctx.get(), nullptr, &ignored, bytes(aad), static_cast<int>(aad.size())) !=
            1 ||
        !streamPass(ctx.get(), plain, out, 1 + gcmNonce) ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, gcmTag,
                            bytes(out) + 1 + gcmNonce + plain.size()) != 1)
        return base::fail(cryptoError("AES-256-GCM encryption"));
    return out;
}

base::Result<std::string> openGcm(const CipherKey& key, std::string_view sealed,
                                  std::string_view aad)
{
    if (sealed.size() < 1 + gcmNonce + gcmTag)
        return base::fail(tampered());
    const auto body = sealed.substr(1 + gcmNonce, sealed.size() - 1 - gcmNonce - gcmTag);
    std::string tag(sealed.substr(sealed.size() - gcmTag));
    std::string out(body.size(), '\0');
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int ignored = 0;
    const bool ok = ctx &&
                    EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(),
                                       bytes(sealed) + 1) == 1 &&
                    EVP_DecryptUpdate(ctx.get(), nullptr, &ignored, bytes(aad),
                                      static_cast<int>(aad.size())) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, gcmTag, bytes(tag)) == 1 &&
                    streamPass(ctx.get(), body, out, 0);
    if (!ok) {
        base::secureZero(out);
        return base::fail(tampered());
    }
    return out;
}

/// SM4 takes a 16-byte key: an encryption key and a MAC key are derived from the whole key
/// file with HMAC-SM3, so that every bit of it counts for both.
std::array<std::uint8_t, 32> sm4Keys(const CipherKey& key)
{
    std::array<std::uint8_t, 32> keys{};
    unsigned int size = 0;
    std::array<unsigned char, sm3Mac> derived{};
    HMAC(EVP_sm3(), key.data(), static_cast<int>(key.size()), bytes("kiosk-queue sm4 enc"), 19,
         derived.data(), &size);
    std::copy_n(derived.begin(), 16, keys.begin());
    HMAC(EVP_sm3(), key.data(), static_cast<int>(key.size()), bytes("kiosk-queue sm4 mac"), 19,
         derived.data(), &size);
    std::copy_n(derived.begin(), 16, keys.begin() + 16);
    base::secureZero(derived.data(), derived.size());
    return keys;
}

base::Result<std::string> sealSm4(const CipherKey& master, std::string_view plain,
                                  std::string_view aad)
{
    const auto key = sm4Keys(master);
    std::string out(1 + sm4Iv + plain.size(), '\0');
    out[0] = static_cast<char>(CipherAlg::Sm4CtrHmacSm3);
    if (RAND_bytes(bytes(out) + 1, sm4Iv) != 1)
        return base::fail(cryptoError("random IV"));
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx ||
        EVP_EncryptInit_ex(ctx.get(), EVP_sm4_ctr(), nullptr, key.data(), bytes(out) + 1) != 1 ||
        !streamPass(ctx.get(), plain, out, 1 + sm4Iv))
        return base::fail(cryptoError("SM4-CTR encryption"));
    const auto mac = sm3Tag(key.data() + 16, std::string_view(out).substr(0, 1 + sm4Iv), aad,
                            std::string_view(out).substr(1 + sm4Iv));
    if (mac.empty())
        return base::fail(cryptoError("HMAC-SM3"));
    return out + mac;
}

base::Result<std::string> openSm4(const CipherKey& master, std::string_view sealed,
                                  std::string_view aad)
{
    const auto key = sm4Keys(master);
    if (sealed.size() < 1 + sm4Iv + sm3Mac)
        return base::fail(tampered());
    const auto ciphertext = sealed.substr(1 + sm4Iv, sealed.size() - 1 - sm4Iv - sm3Mac);
    const auto mac = sm3Tag(key.data() + 16, sealed.substr(0, 1 + sm4Iv), aad, ciphertext);
    if (mac.size() != sm3Mac ||
        CRYPTO_memcmp(mac.data(), sealed.data() + sealed.size() - sm3Mac, sm3Mac) != 0)
        return base::fail(tampered());
    std::string out(ciphertext.size(), '\0');
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx ||
        EVP_DecryptInit_ex(ctx.get(), EVP_sm4_ctr(), nullptr, key.data(), bytes(sealed) + 1) != 1 ||
        !streamPass(ctx.get(), ciphertext, out, 0))
        return base::fail(cryptoError("SM4-CTR decryption"));
    return out;
}

/// fsync() of a folder, so that an entry just made in it survives a power cut.
base::Result<void> syncFolder(const std::filesystem::path& dir)
{
    const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return base::fail(base::fromErrno("open folder " + dir.string(), errno));
    const bool synced = ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    if (!synced)
        return base::fail(base::fromErrno("sync folder " + dir.string(), error));
    return {};
}

/// Makes the folders above `path` that do not exist, outermost first, each with mode 0700
/// (the kiosk user's own). Returns the outermost one made (empty when all existed).
base::Result<std::filesystem::path> makeMissingFolders(const std::filesystem::path& path)
{
    std::vector<std::filesystem::path> missing; // innermost first
    for (auto dir = path.parent_path(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path()) {
        struct stat info {};
        if (::stat(dir.c_str(), &info) == 0)
            break;
        if (errno != ENOENT)
            return base::fail(base::fromErrno("queue key folder " + dir.string(), errno));
        missing.push_back(dir);
    }
    for (auto dir = missing.rbegin(); dir != missing.rend(); ++dir) {
        // chmod as well: mkdir's mode is narrowed by the umask, and 0700 is what is meant.
        if ((::mkdir(dir->c_str(), 0700) != 0 && errno != EEXIST) ||
            ::chmod(dir->c_str(), 0700) != 0)
            return base::fail(base::fromErrno("create queue key folder " + dir->string(), errno));
    }
    return missing.empty() ? std::filesystem::path{} : missing.back();
}

base::Result<CipherKey> createKey(const std::filesystem::path& path)
{
    CipherKey key{};
    if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
        return base::fail(cryptoError("random key"));
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        base::secureZero(key.data(), key.size());
        return base::fail(base::fromErrno("create queue key " + path.string(), errno));
    }
    const bool written =
        ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    if (!written) {
        base::secureZero(key.data(), key.size());
        return base::fail(base::fromErrno("write queue key " + path.string(), error));
    }
    return key;
}

} // namespace

base::Result<CipherAlg> cipherFromString(std::string_view name)
{
    if (name == "aes-256-gcm")
        return CipherAlg::Aes256Gcm;
    if (name == "sm4-ctr-hmac-sm3")
        return CipherAlg::Sm4CtrHmacSm3;
    return base::fail(QueueErrc::invalid_input, "unknown [queue] cipher \"" + std::string(name) +
                                                    "\" (aes-256-gcm or sm4-ctr-hmac-sm3)");
}

std::string_view toString(CipherAlg alg)
{
    return alg == CipherAlg::Sm4CtrHmacSm3 ? "sm4-ctr-hmac-sm3" : "aes-256-gcm";
}

base::Result<CipherKey> loadOrCreateKey(const std::filesystem::path& path, KeyFileMade& made)
{
    made = {};
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && errno == ENOENT) {
        auto folder = makeMissingFolders(path);
        if (!folder)
            return base::fail(folder.error());
        auto key = createKey(path);
        if (!key)
            return key;
        made.key = true;
        made.folder = std::move(*folder);
        // The new entries, up to the folder that already existed: a key lost to a power cut
        // would leave the records sealed with it unreadable.
        const auto stop = made.folder.empty() ? path.parent_path() : made.folder.parent_path();
        for (auto dir = path.parent_path();; dir = dir.parent_path()) {
            if (auto synced = syncFolder(dir); !synced) {
                base::secureZero(key->data(), key->size());
                return base::fail(synced.error());
            }
            if (dir == stop || dir.empty() || dir == dir.root_path())
                break;
        }
        return key;
    }
    if (fd < 0)
        return base::fail(base::fromErrno("open queue key " + path.string(), errno));
    struct stat info {};
    CipherKey key{};
    ssize_t size = -1;
    if (::fstat(fd, &info) == 0)
        size = ::read(fd, key.data(), key.size());
    char extra = 0;
    const bool longer = ::read(fd, &extra, 1) > 0;
    ::close(fd);
    const std::string where = "queue key " + path.string();
    if (info.st_uid != ::geteuid())
        return base::fail(QueueErrc::invalid_input,
                          where + " belongs to another user; chown it to the kiosk user");
    if ((info.st_mode & 077) != 0)
        return base::fail(QueueErrc::invalid_input,
                          where + " is readable by others; run: chmod 600 " + path.string());
    if (size != static_cast<ssize_t>(key.size()) || longer)
        return base::fail(QueueErrc::invalid_input,
                          where + " must hold exactly 32 bytes (e.g. head -c 32 /dev/urandom)");
    return key;
}

Cipher::Cipher(const CipherKey& key, CipherAlg alg) : key_(key), alg_(alg) {}

Cipher::~Cipher()
{
    base::secureZero(key_.data(), key_.size());
}

base::Result<std::string> Cipher::seal(std::string_view plain, std::string_view aad) const
{
    return alg_ == CipherAlg::Sm4CtrHmacSm3 ? sealSm4(key_, plain, aad) : sealGcm(key_, plain, aad);
}

base::Result<std::string> Cipher::open(std::string_view sealed, std::string_view aad) const
{
    if (sealed.empty())
        return base::fail(tampered());
    switch (static_cast<CipherAlg>(sealed.front())) {
    case CipherAlg::Aes256Gcm:
        return openGcm(key_, sealed, aad);
    case CipherAlg::Sm4CtrHmacSm3:
        return openSm4(key_, sealed, aad);
    }
    return base::fail(tampered());
}

} // namespace queue
