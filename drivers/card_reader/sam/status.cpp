// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/sam/status.h"

namespace drivers::card_reader::sam {

Disposition dispositionOf(std::uint8_t sw3)
{
    switch (static_cast<Status>(sw3)) {
    case Status::Success:
    case Status::CardFound:
        return Disposition::Ok;
    case Status::NoCard:
    case Status::SelectFailed:
        return Disposition::NoCard;
    case Status::ReadFailed:
    case Status::CardAuthenticationFailed:
    case Status::SamAuthenticationFailed:
        return Disposition::Retry;
    case Status::SelfTestFailed:
    case Status::NotAuthorised:
        return Disposition::DeviceFault;
    case Status::NoContent:
        return Disposition::NoContent;
    case Status::VerificationError:
    case Status::UnknownCardType:
    case Status::RandomNumberFailed:
        return Disposition::CardError;
    default:
        return Disposition::HostError;
    }
}

std::string_view describe(std::uint8_t sw3)
{
    switch (static_cast<Status>(sw3)) {
    case Status::Success:
        return "success";
    case Status::CardFound:
        return "card found";
    case Status::HostChecksumError:
        return "the SAM saw a checksum error in the host's frame";
    case Status::HostLengthError:
        return "the SAM saw a length error in the host's frame";
    case Status::CommandError:
        return "the SAM rejected the command";
    case Status::NotPermitted:
        return "operation not permitted";
    case Status::Unrecognised:
        return "unrecognised error";
    case Status::CardAuthenticationFailed:
        return "the card failed to authenticate the SAM";
    case Status::SamAuthenticationFailed:
        return "the SAM failed to authenticate the card";
    case Status::VerificationError:
        return "information verification error";
    case Status::UnknownCardType:
        return "unknown card type";
    case Status::ReadFailed:
        return "read failed (the card moved)";
    case Status::RandomNumberFailed:
        return "random number failed";
    case Status::SelfTestFailed:
        return "SAM self-test failed";
    case Status::NotAuthorised:
        return "SAM not authorised";
    case Status::NoCard:
        return "no card";
    case Status::SelectFailed:
        return "select failed";
    case Status::NoContent:
        return "no such content on the card";
    }
    return "unknown SAM status";
}

} // namespace drivers::card_reader::sam
