// SPDX-License-Identifier: Apache-2.0
// tablet-sim: a review tablet (好差评评价器) on a pseudo-terminal or a TCP port, for the demo,
// for trying `kioskctl tablet` without hardware, and for tests. Prints the kiosk's device
// spec ("serial:/tmp/..." or "tcp:127.0.0.1:PORT"), then takes commands on stdin:
//   rate N [CODE,CODE] | timeout | error busy|bad_request | hello touch|4|5 | pongs on|off
//   stale ID N | garbage | flood N | long | unplug | plug | drop | quit
#include "tests/support/tablet_sim/tablet_sim.h"

#include <csignal>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

volatile std::sig_atomic_t stopRequested = 0;

constexpr const char* usage =
    "usage: tablet-sim [--tcp PORT | --link PATH] [--keys touch|4|5] [--no-pongs]\n"
    "                  [--auto-rate N[:CODE,CODE]]\n";
constexpr const char* commands =
    "commands: rate N [CODE,...], timeout, error CODE, hello touch|4|5, pongs on|off,\n"
    "          stale ID N, garbage, flood N, long, unplug, plug, drop, quit\n";

std::vector<std::string> splitCodes(const std::string& text)
{
    std::vector<std::string> codes;
    std::stringstream in(text);
    for (std::string code; std::getline(in, code, ',');)
        if (!code.empty())
            codes.push_back(code);
    return codes;
}

void run(test_support::TabletSim& sim, const std::string& line)
{
    std::istringstream in(line);
    std::string command, argument, extra;
    in >> command >> argument >> extra;
    if (command == "rate" && !argument.empty()) {
        if (!sim.rate(std::stoi(argument), splitCodes(extra)))
            std::cerr << "no prompt is shown\n";
    } else if (command == "timeout") {
        if (!sim.timeOut())
            std::cerr << "no prompt is shown\n";
    } else if (command == "error" && !argument.empty()) {
        sim.sendError(argument);
    } else if (command == "hello" && !argument.empty()) {
        sim.sendHello(argument);
    } else if (command == "pongs") {
        sim.setAnswerPings(argument != "off");
    } else if (command == "stale" && !extra.empty()) {
        sim.rateFor(argument, std::stoi(extra));
    } else if (command == "garbage") {
        sim.sendRaw(
            "{\"type\":\"rating\",\"level\":\n\x01\x02 not json\n{\"type\":\"selfdestruct\"}\n");
    } else if (command == "flood" && !argument.empty()) {
        sim.flood(std::stoul(argument), R"({"type":"rating","requestId":"flood","level":9})");
    } else if (command == "long") {
        sim.sendRaw(std::string(70 * 1024, 'x') + "\n");
    } else if (command == "unplug") {
        sim.unplug();
    } else if (command == "plug") {
        sim.plug();
    } else if (command == "drop") {
        sim.dropConnection();
    } else if (!command.empty()) {
        std::cerr << commands;
    }
}

} // namespace

int main(int argc, char** argv)
{
    std::string link = "/tmp/tablet-sim-" + std::to_string(::getpid());
    int port = -1;
    test_support::TabletSimOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--tcp" && hasValue) {
            port = std::atoi(argv[++i]);
        } else if (arg == "--link" && hasValue) {
            link = argv[++i];
        } else if (arg == "--keys" && hasValue) {
            options.keys = argv[++i];
            if (options.keys != "touch" && options.keys != "4" && options.keys != "5") {
                std::cerr << usage;
                return 2;
            }
        } else if (arg == "--no-pongs") {
            options.answerPings = false;
        } else if (arg == "--auto-rate" && hasValue) {
            const std::string value = argv[++i];
            const auto colon = value.find(':');
            options.autoLevel = std::atoi(value.substr(0, colon).c_str());
            if (colon != std::string::npos)
                options.autoReasons = splitCodes(value.substr(colon + 1));
        } else {
            std::cerr << usage;
            return 2;
        }
    }
    std::signal(SIGTERM, [](int) { stopRequested = 1; });
    std::signal(SIGINT, [](int) { stopRequested = 1; });

    auto sim = port >= 0 ? test_support::TabletSim::onTcp(static_cast<std::uint16_t>(port), options)
                         : test_support::TabletSim::onPty(link, options);
    std::cout << sim->spec() << std::endl;
    std::string line;
    while (!stopRequested && std::getline(std::cin, line)) {
        if (line == "quit")
            break;
        run(*sim, line);
    }
    // stdin closed (started in the background): keep serving until a signal.
    while (!stopRequested && !std::cin)
        ::pause();
    return 0;
}
