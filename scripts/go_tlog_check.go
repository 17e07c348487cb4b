// Checks a running ledgerd's verifiable log with the Go team's own transparency-log code,
// golang.org/x/mod/sumdb/tlog and golang.org/x/mod/sumdb/note: the stock verifiers
// VERIFIABLE_LOG.md says must accept the ledger without knowing anything about it. Nothing
// here is ledgerd's code; the only logic of this file's own is fetching and parsing the
// text formats (checkpoint body, .tlog-proof, entry bundles), which those packages leave to
// their callers.
//
// Built from Debian's packages (golang-go, golang-golang-x-mod-dev), without a module proxy:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run scripts/go_tlog_check.go \
//	    -url http://127.0.0.1:8080 -vkey 'ORIGIN+ID+KEY' -token AUDITOR-TOKEN
//
// It checks, and exits 1 naming the first failure:
//   - the latest checkpoint's signature (note.Open with the log's vkey) and its body;
//   - every entry bundle of the tree, each entry the event of its seq, and the root
//     recomputed from them all (tlog.StoredHashes, tlog.TreeHash) equal to the signed one;
//   - every hash tile of the tree byte for byte against tlog.ReadTileData over that tree;
//   - as a client that fetches only tiles would: tlog.TileHashReader, the root from it, and
//     for a spread of entries tlog.ProveRecord and tlog.CheckRecord;
//   - the daemon's own inclusion proofs (.tlog-proof) and consistency proofs for a spread of
//     seqs and sizes, with tlog.CheckRecord and tlog.CheckTree.
//
// Why the tiles are compared against a tree built from the entries, not trusted to
// tlog.TileHashReader alone: in this checker's own tests TileHashReader returned, without an
// error, a hash from a tile that had been altered. That is a matter for the Go security team
// (security@golang.org), not for this file; until it is settled, everything here is checked
// against the signed root directly, which does not depend on it.
package main

import (
	"bytes"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8

var (
	baseURL = flag.String("url", "", "the daemon's base URL, e.g. http://127.0.0.1:8080")
	vkey    = flag.String("vkey", "", "the log's verifier key")
	token   = flag.String("token", "", "a bearer token that may read every event (entry bundles and inclusion proofs)")
	samples = flag.Int("samples", 64, "how many seqs and sizes to prove against the daemon's own proofs")
)

func main() {
	flag.Parse()
	if *baseURL == "" || *vkey == "" {
		fail("usage: go_tlog_check -url URL -vkey VKEY [-token TOKEN] [-samples N]")
	}
	verifier, err := note.NewVerifier(*vkey)
	if err != nil {
		fail("the vkey: %v", err)
	}
	verifiers := note.VerifierList(verifier)

	checkpoint := get("/checkpoint")
	tree, origin := openCheckpoint(checkpoint, verifiers)
	if origin != verifier.Name() {
		fail("the checkpoint's origin %q is not the key's name %q", origin, verifier.Name())
	}
	if tree.N == 0 {
		fail("the checkpoint is of an empty tree: nothing to check")
	}

	layout := tilesOf(tree.N)
	entries := readEntries(layout)
	tree0 := buildTree(entries)
	if root, err := tlog.TreeHash(tree.N, tree0); err != nil || root != tree.Hash {
		fail("the %d entries give root %v, the checkpoint signed %v (%v)", len(entries), root, tree.Hash, err)
	}
	var hashTiles []tlog.Tile
	for _, t := range layout {
		if t.L >= 0 {
			hashTiles = append(hashTiles, t)
		}
	}
	for k, got := range getAll(hashTiles) {
		t := hashTiles[k]
		want, err := tlog.ReadTileData(t, tree0)
		if err != nil {
			fail("%s from the entries: %v", c2spPath(t), err)
		}
		if !bytes.Equal(got, want) {
			fail("%s as served differs from the tile of the entries' tree", c2spPath(t))
		}
	}

	// A client that fetches only tiles.
	tiles := &tileReader{cache: map[string][]byte{}}
	hashes := tlog.TileHashReader(tree, tiles)
	if root, err := tlog.TreeHash(tree.N, hashes); err != nil || root != tree.Hash {
		fail("the tree hash from the tiles: %v, %v", root, err)
	}
	step := tree.N / int64(*samples)
	if step < 1 {
		step = 1
	}
	proved := 0
	for i := int64(0); i < tree.N; i += step {
		proveFromTiles(tree, hashes, i, entries[i])
		checkDaemonInclusion(tree, verifiers, i, entries[i])
		checkDaemonConsistency(tree, tree0, i)
		proved++
	}
	// The last entry and the full size, whatever the spread missed.
	proveFromTiles(tree, hashes, tree.N-1, entries[tree.N-1])
	checkDaemonInclusion(tree, verifiers, tree.N-1, entries[tree.N-1])
	checkDaemonConsistency(tree, tree0, tree.N)
	fmt.Printf("verified with golang.org/x/mod/sumdb: checkpoint %s size %d, %d hash tiles, %d entries, %d inclusion and consistency proofs\n",
		origin, tree.N, len(hashTiles), len(entries), proved+1)
}

// tilesOf lists the tiles of a tree of size n, hash tiles (L ≥ 0) and entry bundles (L = -1):
// tlog.NewTiles from 0, keeping of each level's partial tile only the width of size n, the
// one tile a log serves for it.
func tilesOf(n int64) []tlog.Tile {
	var out []tlog.Tile
	all := tlog.NewTiles(tileHeight, 0, n)
	for i, t := range all {
		if i+1 < len(all) && all[i+1].L == t.L && all[i+1].N == t.N {
			continue // a narrower width of the next tile
		}
		if t.L == 0 {
			out = append(out, tlog.Tile{H: t.H, L: -1, N: t.N, W: t.W})
		}
		out = append(out, t)
	}
	return out
}

// memoryTree is the tree's stored hashes, in tlog's storage order.
type memoryTree []tlog.Hash

func (m memoryTree) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(m)) {
			return nil, fmt.Errorf("hash %d is not stored", x)
		}
		out[i] = m[x]
	}
	return out, nil
}

func buildTree(entries [][]byte) memoryTree {
	var stored memoryTree
	for i, entry := range entries {
		hashes, err := tlog.StoredHashes(int64(i), entry, stored)
		if err != nil {
			fail("storing entry %d: %v", i, err)
		}
		stored = append(stored, hashes...)
	}
	return stored
}

// openCheckpoint verifies the signed note and parses the c2sp.org/tlog-checkpoint body.
func openCheckpoint(text []byte, verifiers note.Verifiers) (tlog.Tree, string) {
	n, err := note.Open(text, verifiers)
	if err != nil {
		fail("the checkpoint's signature: %v\n%s", err, text)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) != 4 || lines[3] != "" {
		fail("the checkpoint's body is not three lines: %q", n.Text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		fail("the checkpoint's size %q is not a decimal tree size", lines[1])
	}
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(rootBytes) != tlog.HashSize {
		fail("the checkpoint's root %q is not a base64 SHA-256 hash", lines[2])
	}
	var root tlog.Hash
	copy(root[:], rootBytes)
	return tlog.Tree{N: size, Hash: root}, lines[0]
}

// tileReader fetches c2sp.org/tlog-tiles paths: sumdb's `tile/8/L/...` without the
// height element, and its data tiles at `tile/entries/...`.
type tileReader struct{ cache map[string][]byte }

func (r *tileReader) Height() int { return tileHeight }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		path := c2spPath(t)
		if data, ok := r.cache[path]; ok {
			out[i] = data
			continue
		}
		data := get("/" + path)
		if len(data) != t.W*tlog.HashSize {
			return nil, fmt.Errorf("%s: %d bytes, not %d hashes", path, len(data), t.W)
		}
		r.cache[path] = data
		out[i] = data
	}
	return out, nil
}

func (r *tileReader) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func c2spPath(t tlog.Tile) string {
	path := strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/", tileHeight))
	if strings.HasPrefix(path, "data/") {
		return "tile/entries/" + strings.TrimPrefix(path, "data/")
	}
	return "tile/" + path
}

// readEntries fetches every entry bundle and checks each entry is the event of its seq.
func readEntries(layout []tlog.Tile) [][]byte {
	var bundles []tlog.Tile
	for _, t := range layout {
		if t.L == -1 {
			bundles = append(bundles, t)
		}
	}
	var entries [][]byte
	for k, bundle := range getAll(bundles) {
		t := bundles[k]
		first := len(entries)
		for len(bundle) > 0 {
			if len(bundle) < 2 {
				fail("%s ends inside a length", c2spPath(t))
			}
			size := int(bundle[0])<<8 | int(bundle[1])
			if len(bundle) < 2+size {
				fail("%s ends inside an entry", c2spPath(t))
			}
			entries = append(entries, bundle[2:2+size])
			bundle = bundle[2+size:]
		}
		if len(entries)-first != t.W {
			fail("%s holds %d entries, not %d", c2spPath(t), len(entries)-first, t.W)
		}
	}
	for i, entry := range entries {
		if !bytes.Contains(entry, []byte(fmt.Sprintf(`"seq":%d,`, i+1))) {
			fail("entry %d is not the event of seq %d: %.120s", i, i+1, entry)
		}
	}
	return entries
}

func proveFromTiles(tree tlog.Tree, hashes tlog.HashReader, index int64, entry []byte) {
	proof, err := tlog.ProveRecord(tree.N, index, hashes)
	if err != nil {
		fail("an inclusion proof of %d from the tiles: %v", index, err)
	}
	if err := tlog.CheckRecord(proof, tree.N, tree.Hash, index, tlog.RecordHash(entry)); err != nil {
		fail("the tiles' inclusion proof of %d: %v", index, err)
	}
}

// checkDaemonInclusion fetches the daemon's c2sp.org/tlog-proof@v1 for seq index+1 and
// verifies it on its own terms: its checkpoint, its extra, its proof lines.
func checkDaemonInclusion(tree tlog.Tree, verifiers note.Verifiers, index int64, entry []byte) {
	text := string(get(fmt.Sprintf("/proofs/inclusion?seq=%d&treeSize=%d", index+1, tree.N)))
	head, signed, found := strings.Cut(text, "\n\n")
	if !found {
		fail("the proof of seq %d has no blank line before its checkpoint", index+1)
	}
	lines := strings.Split(head, "\n")
	if lines[0] != "c2sp.org/tlog-proof@v1" {
		fail("the proof of seq %d starts %q", index+1, lines[0])
	}
	lines = lines[1:]
	var extra []byte
	if len(lines) > 0 && strings.HasPrefix(lines[0], "extra ") {
		decoded, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(lines[0], "extra "))
		if err != nil {
			fail("the proof of seq %d: extra is not base64", index+1)
		}
		extra = decoded
		lines = lines[1:]
	}
	if len(lines) == 0 || lines[0] != fmt.Sprintf("index %d", index) {
		fail("the proof of seq %d does not name index %d: %q", index+1, index, lines)
	}
	var proof tlog.RecordProof
	for _, line := range lines[1:] {
		decoded, err := base64.StdEncoding.DecodeString(line)
		if err != nil || len(decoded) != tlog.HashSize {
			fail("the proof of seq %d: %q is not a base64 hash", index+1, line)
		}
		var h tlog.Hash
		copy(h[:], decoded)
		proof = append(proof, h)
	}
	proofTree, _ := openCheckpoint([]byte(signed), verifiers)
	if proofTree != tree {
		fail("the proof of seq %d is against size %d, not %d", index+1, proofTree.N, tree.N)
	}
	if !bytes.Equal(extra, entry) {
		fail("the proof of seq %d carries an event other than the entry bundle's", index+1)
	}
	if err := tlog.CheckRecord(proof, proofTree.N, proofTree.Hash, index, tlog.RecordHash(entry)); err != nil {
		fail("the daemon's inclusion proof of seq %d: %v", index+1, err)
	}
}

// checkDaemonConsistency verifies the daemon's proof from size `from` to the checkpoint's
// against the older root recomputed from the entries.
func checkDaemonConsistency(tree tlog.Tree, hashes tlog.HashReader, from int64) {
	body := string(get(fmt.Sprintf("/proofs/consistency?from=%d&to=%d", from, tree.N)))
	var proof tlog.TreeProof
	for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		if line == "" {
			continue
		}
		decoded, err := base64.StdEncoding.DecodeString(line)
		if err != nil || len(decoded) != tlog.HashSize {
			fail("the consistency proof from %d: %q is not a base64 hash", from, line)
		}
		var h tlog.Hash
		copy(h[:], decoded)
		proof = append(proof, h)
	}
	if from == 0 || from == tree.N {
		if len(proof) != 0 {
			fail("the consistency proof from %d to %d should be empty, has %d hashes", from, tree.N, len(proof))
		}
		return
	}
	old, err := tlog.TreeHash(from, hashes)
	if err != nil {
		fail("the root of size %d from the tiles: %v", from, err)
	}
	if err := tlog.CheckTree(proof, tree.N, tree.Hash, from, old); err != nil {
		fail("the daemon's consistency proof from %d to %d: %v", from, tree.N, err)
	}
}

// getAll fetches tiles four at a time, as a monitor catching up would.
func getAll(tiles []tlog.Tile) [][]byte {
	out := make([][]byte, len(tiles))
	next := make(chan int)
	var done sync.WaitGroup
	for w := 0; w < 4; w++ {
		done.Add(1)
		go func() {
			defer done.Done()
			for i := range next {
				out[i] = get("/" + c2spPath(tiles[i]))
			}
		}()
	}
	for i := range tiles {
		next <- i
	}
	close(next)
	done.Wait()
	return out
}

func get(path string) []byte {
	request, err := http.NewRequest("GET", *baseURL+path, nil)
	if err != nil {
		fail("%s: %v", path, err)
	}
	if *token != "" {
		request.Header.Set("Authorization", "Bearer "+*token)
	}
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	if response.StatusCode != http.StatusOK {
		fail("GET %s: %s: %.300s", path, response.Status, body)
	}
	return body
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "go_tlog_check: "+format+"\n", args...)
	os.Exit(1)
}
