// SPDX-License-Identifier: Apache-2.0
// A shared object that is not a photo decoder plug-in (wrong ABI version), for tests.
extern "C" int kiosk_photo_decoder_abi(void)
{
    return 99;
}
