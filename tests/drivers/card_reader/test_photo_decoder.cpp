// SPDX-License-Identifier: Apache-2.0
// A stand-in photo decoder plug-in for tests: it implements the C ABI of
// drivers/card_reader/photo/kiosk_photo_decoder.h, but "decodes" into a grey ramp (no WLT
// decoding exists in this project). Refuses input that is not 1024 bytes.
#include "drivers/card_reader/photo/kiosk_photo_decoder.h"

#include <cstring>

extern "C" int kiosk_photo_decoder_abi(void)
{
    return KIOSK_PHOTO_DECODER_ABI;
}

extern "C" int kiosk_photo_decode(const unsigned char* wlt, size_t wlt_size, unsigned char* bgr,
                                  size_t bgr_size)
{
    if (wlt == nullptr || wlt_size != 1024 ||
        bgr_size != KIOSK_PHOTO_WIDTH * KIOSK_PHOTO_HEIGHT * 3)
        return 1;
    for (size_t i = 0; i < bgr_size; ++i)
        bgr[i] = static_cast<unsigned char>(i / (KIOSK_PHOTO_WIDTH * 3));
    return 0;
}
