// SPDX-License-Identifier: Apache-2.0
// test_support: a simulated ESC/POS receipt printer for the driver's tests and kioskctl's. It
// answers DLE EOT status queries from its scripted condition, keeps the job bytes it took, and
// sits behind a real transport: a pty (serial line or device file) or a TCP socket on loopback.
#pragma once

#include "base/worker.h"
#include "hal/receipt_printer.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace test_support {

/// The printer's behaviour, independent of the cable. Thread-safe.
class EscPosPrinterModel {
public:
    void setCondition(hal::PrinterCondition condition);
    [[nodiscard]] hal::PrinterCondition condition() const;
    /// Paper runs out (or the cover opens...) after `jobBytes` more job bytes arrive.
    void changeConditionAfter(std::size_t jobBytes, hal::PrinterCondition condition);
    /// The cable is pulled after `jobBytes` more job bytes (the transport drops the link).
    void disconnectAfter(std::size_t jobBytes);
    /// False: status queries get no answer (a printer switched off, or unidirectional).
    void setAnswers(bool answers);
    /// Every status query is answered with this byte (a confused or foreign device).
    void setRawAnswer(std::uint8_t byte);
    /// The next answer leaves `delay` late (a busy printer), after the host gave up on it.
    void answerLate(std::chrono::milliseconds delay);
    /// The delay for answers about to leave (zero but once after answerLate()).
    std::chrono::milliseconds takeAnswerDelay();

    /// The job bytes received so far (everything but the status queries).
    [[nodiscard]] std::vector<std::uint8_t> received() const;
    /// received() read back as text lines (the printer's view of the paper).
    [[nodiscard]] std::vector<std::string> printedText() const;
    [[nodiscard]] std::size_t statusQueries() const;

    /// Takes bytes from the host; returns what the printer answers.
    std::vector<std::uint8_t> feed(std::span<const std::uint8_t> bytes);
    /// True once (and then false) when disconnectAfter() has fired.
    bool takeDisconnect();
    /// The link went down or a new one came up: a command cut off with the old link is
    /// dropped, as a printer's parser starts afresh on a new connection or after power-up.
    void linkChanged();

private:
    void countJobBytes();

    mutable std::mutex mutex_;
    hal::PrinterCondition condition_ = hal::PrinterCondition::Ready;
    bool answers_ = true;
    std::optional<std::uint8_t> rawAnswer_;
    std::chrono::milliseconds answerDelay_{0};
    std::vector<std::uint8_t> pending_; ///< an incomplete command
    std::vector<std::uint8_t> received_;
    std::size_t statusQueries_ = 0;
    std::optional<std::pair<std::size_t, hal::PrinterCondition>> change_;
    std::optional<std::size_t> disconnect_;
    bool disconnectNow_ = false;
};

/// The printer on the controller side of a pseudo-terminal: the driver opens devicePath()
/// as a serial line or as a device file.
class PtyPrinterSim {
public:
    PtyPrinterSim();
    PtyPrinterSim(const PtyPrinterSim&) = delete;
    PtyPrinterSim& operator=(const PtyPrinterSim&) = delete;
    ~PtyPrinterSim();

    EscPosPrinterModel& model() { return model_; }
    /// The current device path ("/dev/pts/7"); a new one after plug().
    [[nodiscard]] std::string devicePath() const;
    /// Closes both sides: the driver's next read or write fails as for a pulled cable.
    void unplug();
    /// A new pty, as the kernel gives a replugged adapter.
    void plug();

private:
    std::chrono::milliseconds serve();
    void closeLocked();

    EscPosPrinterModel model_;
    mutable std::mutex mutex_;
    int controller_ = -1;
    int device_ = -1;
    std::string path_;
    base::Worker worker_; ///< last: stopped first
};

/// The printer as a network printer on 127.0.0.1 (port 9100's protocol on a free port).
class TcpPrinterSim {
public:
    TcpPrinterSim();
    TcpPrinterSim(const TcpPrinterSim&) = delete;
    TcpPrinterSim& operator=(const TcpPrinterSim&) = delete;
    ~TcpPrinterSim();

    EscPosPrinterModel& model() { return model_; }
    [[nodiscard]] std::uint16_t port() const { return port_; }
    /// "tcp:127.0.0.1:PORT"
    [[nodiscard]] std::string spec() const;
    /// Drops the connection and stops listening (connections are refused).
    void unplug();
    /// Listens again on the same port.
    void plug();

private:
    std::chrono::milliseconds serve();
    void listen();

    EscPosPrinterModel model_;
    std::mutex mutex_;
    int listener_ = -1;
    int connection_ = -1;
    std::uint16_t port_ = 0;
    base::Worker worker_; ///< last: stopped first
};

} // namespace test_support
