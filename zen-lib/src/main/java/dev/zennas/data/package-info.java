/**
 * Data files of the workbench, found without copying them into the repository: {@link dev.zennas.data.DataPaths}
 * (search order {@code ZEN_DATA}, {@code -Dzen.data}, {@code ./data}, {@code ../shared/data},
 * {@code ../../shared/data}) and the NAS-Bench-201 / NATS-Bench ground truth as records and Tablesaw tables
 * ({@link dev.zennas.data.NasBenchData}). Missing files raise {@link dev.zennas.data.DataNotFoundException},
 * malformed ones {@link dev.zennas.data.MalformedDataException}; both name the file.
 */
package dev.zennas.data;
