#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Relays TCP connections on ADDRESS:PORT to a Unix socket (the test cluster's), byte for byte.

station_netcut_test runs it inside a network namespace, so a station reaches PostgreSQL over a veth pair that
the test can cut without a reset. Prints "listening" once it accepts connections.
usage: tcp-unix-relay.py ADDRESS PORT UNIX_SOCKET
"""
import asyncio
import sys


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def relay(client_reader, client_writer, socket_path):
    try:
        server_reader, server_writer = await asyncio.open_unix_connection(socket_path)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))


async def main(address, port, socket_path):
    server = await asyncio.start_server(lambda r, w: relay(r, w, socket_path), address, port)
    print("listening", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
