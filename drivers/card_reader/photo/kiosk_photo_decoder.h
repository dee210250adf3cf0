/* SPDX-License-Identifier: Apache-2.0 */
/* The C ABI a photo decoder plug-in exports. The ID card's photo is 1024 bytes of WLT, a
 * patented format that only licensed vendor libraries decode. None ships with the kiosk: a
 * deployment that holds a licence wraps its vendor's library in a small shared object with
 * these two functions; drivers::card_reader::PhotoDecoder::load(path) loads it (kioskctl idcard
 * read --photo-decoder PATH). Without one the photo stays opaque WLT bytes.
 *
 *   int kiosk_photo_decoder_abi(void);
 *       returns KIOSK_PHOTO_DECODER_ABI (1).
 *   int kiosk_photo_decode(const unsigned char* wlt, size_t wlt_size,
 *                          unsigned char* bgr, size_t bgr_size);
 *       decodes the WLT bytes into 102 x 126 pixels, 3 bytes per pixel in B, G, R order,
 *       rows top to bottom, no padding (bgr_size is 102 * 126 * 3 = 38556). Returns 0 on
 *       success, anything else on failure. Must be thread-safe and must not keep or log the
 *       input or output.
 */
#ifndef KIOSK_PHOTO_DECODER_H
#define KIOSK_PHOTO_DECODER_H

#include <stddef.h>

#define KIOSK_PHOTO_DECODER_ABI 1
#define KIOSK_PHOTO_WIDTH 102
#define KIOSK_PHOTO_HEIGHT 126

#ifdef __cplusplus
extern "C" {
#endif

int kiosk_photo_decoder_abi(void);
int kiosk_photo_decode(const unsigned char* wlt, size_t wlt_size, unsigned char* bgr,
                       size_t bgr_size);

#ifdef __cplusplus
}
#endif

#endif
