/*
 * How fast this CPU runs right now: nanoseconds per step of a fixed loop (a multiply-add and a store into 2 MB, so
 * core and cache both count), over SECONDS (default 0.3). On a shared virtual machine the answer moves with what
 * the host's other guests do, and moves every proxy's connection rate with it: bench/socks.sh prints it for each
 * core before each round of the rate, so that rounds measured on a slow machine can be seen as such.
 * Usage: cpu-speed [SECONDS]   (pin it with taskset -c N to measure core N)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    static uint64_t table[1 << 18]; /* 2 MB */
    double seconds = argc > 1 ? atof(argv[1]) : 0.3;
    uint64_t x = 1;
    long rounds = 0;
    double start = now(), end = start + seconds, t = start;
    while (t < end) {
        for (int i = 0; i < 4096; i++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            table[(x >> 20) & ((1 << 18) - 1)] += x;
        }
        rounds++;
        t = now();
    }
    /* reading the table back keeps the compiler from dropping the stores */
    printf("%.2f%s\n", (t - start) * 1e9 / ((double) rounds * 4096), table[x & ((1 << 18) - 1)] == 42 ? " " : "");
    return 0;
}
