"""Writes the golden .npy fixtures beside this script (NumPy 2.4.6 made the committed files).

Run from this folder:  python3 make_golden.py
NpyReaderTest and NpyWriterTest compare against these files byte for byte.
"""
import numpy as np

# float32, 3-D: NpyWriterTest writes the same values and expects identical bytes.
f4 = (np.arange(24, dtype=np.float32).reshape(2, 3, 4) - 11.5) / np.float32(3)
np.save("golden_f4_2x3x4.npy", f4)
# float64, 1-D: the header shape is written as (5,).
np.save("golden_f8_5.npy", np.array([0.0, -1.0, 1.0 / 3.0, 1e300, -2.5e-310]))
# uint8 and int64: read-only dtypes.
np.save("golden_u1_2x3.npy", np.array([[0, 1, 127], [128, 254, 255]], dtype=np.uint8))
np.save("golden_i8_3.npy", np.array([-(2**40), 0, 2**40 + 1], dtype="<i8"))
# format version 2.0 (4-byte header length), int32.
with open("golden_v2_i4_2x2.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([[1, -2], [3, -4]], dtype="<i4"), version=(2, 0))
# refused: big-endian and Fortran order.
np.save("golden_bigendian_f4_3.npy", np.array([1, 2, 3], dtype=">f4"))
np.save("golden_fortran_f4_2x3.npy", np.asfortranarray(np.ones((2, 3), dtype="<f4")))
# header only (no data) for the large activation shape of the design: [10000, 64, 14, 14] float32.
with open("golden_header_f4_10000x64x14x14.bin", "wb") as f:
    np.lib.format.write_array_header_1_0(
        f, {"descr": "<f4", "fortran_order": False, "shape": (10000, 64, 14, 14)})
