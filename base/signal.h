// SPDX-License-Identifier: Apache-2.0
// Signal/Connection: a small observer with RAII connections, modelled on libcamera's.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

namespace base {

/// Keeps a slot connected while it lives; destroying or reset()ing it disconnects.
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

template <class... Args> class Signal {
    // Slots receive arguments by reference; an rvalue argument could dangle in a queued slot.
    static_assert((!std::is_rvalue_reference_v<Args> && ...),
                  "signal arguments must not be rvalues");

public:
    using Slot = std::function<void(Args...)>;

    Signal() : state_(std::make_shared<State>()) {}
    Signal(const Signal&) = delete;
    Signal& operator=(const Signal&) = delete;

    /// Connects a slot. The connection (and the slot) lives until the returned object dies
    /// or the signal is destroyed, whichever comes first.
    Connection connect(Slot slot)
    {
        std::lock_guard lock(state_->mutex);
        const auto id = ++state_->nextId;
        state_->slots.push_back({id, std::make_shared<Slot>(std::move(slot))});
        return Connection([weak = std::weak_ptr<State>(state_), id] {
            if (auto state = weak.lock()) {
                std::lock_guard guard(state->mutex);
                std::erase_if(state->slots, [id](const auto& entry) { return entry.id == id; });
            }
        });
    }

    /// Calls every connected slot in connection order. The slot list is copied first, so a
    /// slot may connect or disconnect others (or itself) while the signal is emitted.
    void emit(Args... args) const
    {
        std::vector<std::shared_ptr<Slot>> slots;
        {
            std::lock_guard lock(state_->mutex);
            for (const auto& entry : state_->slots)
                slots.push_back(entry.slot);
        }
        for (const auto& slot : slots)
            (*slot)(args...);
    }

    [[nodiscard]] std::size_t slotCount() const
    {
        std::lock_guard lock(state_->mutex);
        return state_->slots.size();
    }

private:
    struct Entry {
        std::uint64_t id;
        std::shared_ptr<Slot> slot;
    };
    struct State {
        std::mutex mutex;
        std::uint64_t nextId = 0;
        std::vector<Entry> slots;
    };
    std::shared_ptr<State> state_;
};

} // namespace base
