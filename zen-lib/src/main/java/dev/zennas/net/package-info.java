/** DJL network builders: {@link dev.zennas.net.ZenNetBuilder} turns Zen-NAS structures into {@link dev.zennas.net.ZenNetwork}s. */
package dev.zennas.net;
