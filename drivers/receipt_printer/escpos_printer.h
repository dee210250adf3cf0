// SPDX-License-Identifier: Apache-2.0
// drivers::receipt_printer::EscPosPrinter: the hal::ReceiptPrinter over ESC/POS and a transport.
#pragma once

#include "base/worker.h"
#include "drivers/receipt_printer/escpos_encoder.h"
#include "drivers/receipt_printer/escpos_status.h"
#include "drivers/receipt_printer/transport/printer_transport.h"
#include "hal/receipt_printer.h"

#include <functional>
#include <mutex>
#include <optional>

namespace drivers::receipt_printer {

struct EscPosPrinterOptions {
    std::chrono::milliseconds statusTimeout{500}; ///< for each DLE EOT answer
    std::chrono::milliseconds writeTimeout{5000}; ///< for each chunk of a job
    std::size_t chunkBytes = 512;                 ///< a failed job says how far it got
    /// How often the printer's status is polled while idle; the same poll notices a printer
    /// that went away and reconnects it (hot-plug).
    std::chrono::milliseconds pollInterval{2000};
    /// False for a unidirectional printer (no DLE EOT answers): it prints blind, and its
    /// condition stays Ready. True: no answer means offline, and nothing is printed.
    bool statusAnswers = true;
    const base::Clock* clock = &base::systemClock();
};

/// Opens (and reopens after an unplug) the transport.
using TransportOpener = std::function<base::Result<std::unique_ptr<PrinterTransport>>()>;

/// Each job: DLE EOT status before (paper out or cover open refuse the job), the encoded
/// receipt in chunks, DLE EOT status after (paper that ran out during the job is reported: the
/// citizen's receipt may be incomplete). A job that fails midway says how many bytes went out.
class EscPosPrinter final : public hal::ReceiptPrinter {
public:
    EscPosPrinter(std::string backend, PrinterProfile profile, TransportOpener opener,
                  EscPosPrinterOptions options = {});
    ~EscPosPrinter() override;

    /// Asks the printer now (kioskctl print status). no_device when it is not connected.
    [[nodiscard]] base::Result<PrinterStatus> queryStatus();
    /// The last status seen (before/after a job or by the poll).
    [[nodiscard]] PrinterStatus lastStatus() const;

protected:
    base::Result<void> openImpl() override;
    void closeImpl() override;
    base::Result<void> printImpl(const hal::Receipt& receipt) override;
    hal::PaperState paperImpl() const override;
    hal::PrinterCondition conditionImpl() const override;

private:
    /// The four DLE EOT answers. Call with ioMutex_ held.
    base::Result<PrinterStatus> queryLocked();
    /// Reads and drops input until the line is quiet for a status timeout. Call with
    /// ioMutex_ held.
    void drainLateAnswers();
    /// Checks `status` lets a job start. Call with ioMutex_ held.
    base::Result<void> sendJob(const std::vector<std::uint8_t>& job);
    /// The poll: status while connected, reconnect while not. Runs on poller_.
    std::chrono::milliseconds poll();
    /// Drops the transport after it failed with `error`; true if it was a disconnect (then
    /// the caller reports it, outside ioMutex_).
    bool dropIfGone(const base::Error& error);
    void remember(const PrinterStatus& status);
    /// Shows a changed condition in the device status (health and detail), for technicians
    /// and the heartbeat. Call with no lock held: it emits statusChanged.
    void publishHealth();

    PrinterProfile profile_;
    TransportOpener opener_;
    EscPosPrinterOptions options_;

    std::mutex ioMutex_; ///< serialises use of the transport (poll, job, query)
    std::unique_ptr<PrinterTransport> transport_;
    std::optional<EscPosEncoder> encoder_;
    /// A status query timed out: its answer may still come and would be taken for the
    /// answer to the next query. The next query waits it out first. Guarded by ioMutex_.
    bool lateAnswerPossible_ = false;

    mutable std::mutex statusMutex_; ///< never held across I/O
    PrinterStatus last_;
    bool lost_ = false;       ///< reported disconnected; the poll reconnects
    bool healthDirty_ = true; ///< last_ changed since it was published

    base::Worker poller_; ///< last: stopped before the members it uses go
};

/// A receipt printer for a device spec (usb:, file:, tcp:, serial:) and a profile name.
[[nodiscard]] base::Result<std::shared_ptr<EscPosPrinter>>
makeEscPosPrinter(const std::string& spec, std::string_view profileName,
                  EscPosPrinterOptions options = {});

} // namespace drivers::receipt_printer
