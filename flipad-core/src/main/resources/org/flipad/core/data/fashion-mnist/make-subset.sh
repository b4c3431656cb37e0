#!/bin/sh
# Writes the first 2,000 Fashion-MNIST test images and labels (t10k indices 0-1999) as gzipped
# IDX files into the current folder. Usage: sh make-subset.sh [DIR]
# DIR holds the Debian package's files (default /usr/share/datasets/fashion-mnist).
# Reproducible: the header is rewritten from fixed bytes, and gzip -n -9 stores no name or mtime.
set -eu
src=${1:-/usr/share/datasets/fashion-mnist}
n=2000
# Refuse a source whose header is not 10000 images of 28x28 / 10000 labels.
printf '\000\000\010\003\000\000\047\020\000\000\000\034\000\000\000\034' > images.head.tmp
printf '\000\000\010\001\000\000\047\020' > labels.head.tmp
gzip -dc "$src/t10k-images-idx3-ubyte.gz" | head -c 16 | cmp - images.head.tmp
gzip -dc "$src/t10k-labels-idx1-ubyte.gz" | head -c 8 | cmp - labels.head.tmp
rm images.head.tmp labels.head.tmp
# Header with N = 2000 (0x000007D0), then the first 2000 x 784 pixel bytes / 2000 label bytes.
{ printf '\000\000\010\003\000\000\007\320\000\000\000\034\000\000\000\034'
  gzip -dc "$src/t10k-images-idx3-ubyte.gz" | tail -c +17 | head -c $((n * 784))
} | gzip -n -9 > t10k-2000-images-idx3-ubyte.gz
{ printf '\000\000\010\001\000\000\007\320'
  gzip -dc "$src/t10k-labels-idx1-ubyte.gz" | tail -c +9 | head -c $n
} | gzip -n -9 > t10k-2000-labels-idx1-ubyte.gz
sha256sum t10k-2000-images-idx3-ubyte.gz t10k-2000-labels-idx1-ubyte.gz
gzip -dc t10k-2000-images-idx3-ubyte.gz | sha256sum | sed 's/-$/t10k-2000-images-idx3-ubyte (uncompressed)/'
gzip -dc t10k-2000-labels-idx1-ubyte.gz | sha256sum | sed 's/-$/t10k-2000-labels-idx1-ubyte (uncompressed)/'
