import Foundation

/// Where the relative folders the service reads (config/, migrations/) are, when the CLI runs from another folder:
/// first the working directory, as always, then the folders above the executable (`.build/release/fenliu` finds the
/// checkout it was built in, `bin/fenliu` the folder that holds bin/). An explicit absolute path is taken as given.
enum ProjectFolders {
    /// How many folders above the executable's own are searched (`.build/x86_64-unknown-linux-gnu/release` is three).
    static let ancestorsSearched = 4

    static func resolve(_ path: String, executable: String? = executablePath(),
                        fileManager: FileManager = .default) -> String {
        guard !path.hasPrefix("/"), !fileManager.fileExists(atPath: path), let executable else { return path }
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0...ancestorsSearched {
            let candidate = folder.appendingPathComponent(path).path
            if fileManager.fileExists(atPath: candidate) { return candidate }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return path
    }

    /// The running executable, symbolic links resolved (nil where /proc is not mounted).
    static func executablePath() -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }
}
