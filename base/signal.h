// SPDX-License-Identifier: Apache-2.0
// Signal/Connection: a small observer with RAII connections, modelled on libcamera's.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace base {

namespace detail {

/// One connected slot, shared between the signal's list and the emissions running it, so that
/// a disconnect can wait until no other thread is inside the slot.
class SlotState {
public:
    /// Marks the calling thread as inside the slot; false once disconnected.
    bool enter()
    {
        std::lock_guard lock(mutex_);
        if (!connected_)
            return false;
        inside_.push_back(std::this_thread::get_id());
        return true;
    }
    void leave()
    {
        std::lock_guard lock(mutex_);
        inside_.erase(std::find(inside_.begin(), inside_.end(), std::this_thread::get_id()));
        left_.notify_all();
    }
    /// No emission starts the slot after this, and it returns once no other thread runs it.
    /// (The calling thread may be inside it: a slot may disconnect itself.)
    void disconnectAndWait()
    {
        std::unique_lock lock(mutex_);
        connected_ = false;
        left_.wait(lock, [this] {
            return std::all_of(inside_.begin(), inside_.end(),
                               [](auto id) { return id == std::this_thread::get_id(); });
        });
    }

private:
    std::mutex mutex_;
    std::condition_variable left_;
    bool connected_ = true;
    std::vector<std::thread::id> inside_;
};

} // namespace detail

/// Keeps a slot connected while it lives; destroying or reset()ing it disconnects, and waits
/// until the slot is no longer running on another thread, so whatever the slot uses may be
/// destroyed right after. Do not reset a connection while holding a lock its slot takes.
/// Every signal's documentation says which thread emits it; slots run on that thread.
class [[nodiscard]] Connection {
public:
    Connection() = default;
    explicit Connection(std::function<void()> disconnect) : disconnect_(std::move(disconnect)) {}
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    Connection(Connection&& other) noexcept : disconnect_(std::exchange(other.disconnect_, {})) {}
    Connection& operator=(Connection&& other) noexcept
    {
        if (this != &other) {
            reset();
            disconnect_ = std::exchange(other.disconnect_, {});
        }
        return *this;
    }
    ~Connection() { reset(); }

    void reset()
    {
        if (disconnect_)
            std::exchange(disconnect_, {})();
    }
    [[nodiscard]] bool connected() const { return static_cast<bool>(disconnect_); }

private:
    std::function<void()> disconnect_;
};

/// A list of slots called by publish(). No name in it is `emit`, `slots` or `signals`, which Qt
/// defines as macros, so Qt code may include it.
template <class... Args> class Signal {
    // Slots receive arguments by reference; an rvalue argument could dangle in a queued slot.
    static_assert((!std::is_rvalue_reference_v<Args> && ...),
                  "signal arguments must not be rvalues");

public:
    using Slot = std::function<void(Args...)>;

    Signal() : state_(std::make_shared<State>()) {}
    Signal(const Signal&) = delete;
    Signal& operator=(const Signal&) = delete;
    /// Disconnects every slot, waiting for those running on other threads.
    ~Signal()
    {
        std::vector<Entry> entries;
        {
            std::lock_guard lock(state_->mutex);
            entries.swap(state_->entries);
        }
        for (auto& entry : entries)
            entry.slot->disconnectAndWait();
    }

    /// Connects a slot. The connection (and the slot) lives until the returned object dies
    /// or the signal is destroyed, whichever comes first.
    Connection connect(Slot slot)
    {
        std::lock_guard lock(state_->mutex);
        const auto id = ++state_->nextId;
        auto entry = Entry{id, std::make_shared<SlotHolder>(std::move(slot))};
        state_->entries.push_back(entry);
        return Connection([weak = std::weak_ptr<State>(state_), id, slot = entry.slot] {
            if (auto state = weak.lock()) {
                std::lock_guard guard(state->mutex);
                std::erase_if(state->entries, [id](const auto& e) { return e.id == id; });
            }
            slot->disconnectAndWait();
        });
    }

    /// Calls every connected slot in connection order, on the calling thread. The slot list
    /// is copied first, so a slot may connect or disconnect others (or itself) meanwhile.
    void publish(Args... args) const
    {
        std::vector<std::shared_ptr<SlotHolder>> toCall;
        {
            std::lock_guard lock(state_->mutex);
            for (const auto& entry : state_->entries)
                toCall.push_back(entry.slot);
        }
        for (const auto& slot : toCall) {
            if (!slot->enter())
                continue; // disconnected since the copy
            try {
                slot->function(args...);
            } catch (...) {
                slot->leave();
                throw;
            }
            slot->leave();
        }
    }

    [[nodiscard]] std::size_t slotCount() const
    {
        std::lock_guard lock(state_->mutex);
        return state_->entries.size();
    }

private:
    struct SlotHolder : detail::SlotState {
        explicit SlotHolder(Slot f) : function(std::move(f)) {}
        Slot function;
    };
    struct Entry {
        std::uint64_t id;
        std::shared_ptr<SlotHolder> slot;
    };
    struct State {
        std::mutex mutex;
        std::uint64_t nextId = 0;
        std::vector<Entry> entries;
    };
    std::shared_ptr<State> state_;
};

} // namespace base
