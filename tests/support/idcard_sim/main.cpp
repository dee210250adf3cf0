// SPDX-License-Identifier: Apache-2.0
// idcard-reader-sim: a SAM ID card reader on a pseudo-terminal, for the demo and for trying
// kioskctl idcard without hardware. Prints the device path, then takes commands on stdin:
//   present resident|hmt|foreign2017|foreign2023 | remove | unplug | plug | quit
#include "drivers/fake/fake_card_reader.h"
#include "tests/support/idcard_sim/pty_reader_sim.h"

#include <csignal>
#include <iostream>
#include <string>
#include <unistd.h>

namespace {

volatile std::sig_atomic_t stopRequested = 0;

int cardIndex(const std::string& name)
{
    const char* names[] = {"resident", "hmt", "foreign2017", "foreign2023"};
    for (int i = 0; i < 4; ++i)
        if (name == names[i])
            return i;
    return -1;
}

void present(test_support::PtyReaderSimulator& sim, const std::string& name)
{
    const int index = cardIndex(name);
    if (index < 0) {
        std::cerr << "unknown card \"" << name << "\" (resident, hmt, foreign2017, foreign2023)\n";
        return;
    }
    sim.device().present(drivers::fake::sampleCards()[static_cast<std::size_t>(index)]);
}

} // namespace

int main(int argc, char** argv)
{
    std::string link = "/tmp/idcard-reader-sim-" + std::to_string(::getpid());
    std::string card = "resident";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--link" && i + 1 < argc)
            link = argv[++i];
        else if (arg == "--card" && i + 1 < argc)
            card = argv[++i];
        else {
            std::cerr << "usage: idcard-reader-sim [--link PATH] [--card "
                         "resident|hmt|foreign2017|foreign2023|none]\n";
            return 2;
        }
    }
    std::signal(SIGTERM, [](int) { stopRequested = 1; });
    std::signal(SIGINT, [](int) { stopRequested = 1; });

    test_support::PtyReaderSimulator sim(link);
    if (card != "none")
        present(sim, card);
    std::cout << sim.path() << std::endl;

    std::string line;
    while (!stopRequested && std::getline(std::cin, line)) {
        if (line.starts_with("present "))
            present(sim, line.substr(8));
        else if (line == "remove")
            sim.device().remove();
        else if (line == "unplug")
            sim.unplug();
        else if (line == "plug")
            sim.plug();
        else if (line == "quit")
            break;
        else if (!line.empty())
            std::cerr << "commands: present TYPE, remove, unplug, plug, quit\n";
    }
    // stdin closed (e.g. started in the background): keep serving until a signal.
    while (!stopRequested && !std::cin)
        ::pause();
    return 0;
}
