package dev.zennas;
final class Placeholder {}
