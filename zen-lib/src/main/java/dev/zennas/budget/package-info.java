/**
 * Budgets of a search: the constraints checked before a candidate is scored (max layers, code-rule params and FLOPs,
 * latency), in the official order, and the verdict of each check. Latency budgets are declared here and refused until
 * a latency model exists.
 */
package dev.zennas.budget;
