/**
 * How the evolutionary search proposes a child: the official mutation ({@link dev.zennas.search.mutation.Mutation})
 * over the official mutation spaces {@code XXBL} (ResNet-like, "Search Space I") and {@code IDW_fixfc} (MobileNet-like,
 * "Search Space II"), with their cumulative candidate lists (conventions T12), banker's-rounded width lists and width cap.
 */
package dev.zennas.search.mutation;
