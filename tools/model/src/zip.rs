//! A minimal read-only ZIP reader (stored and deflate entries), enough for Python wheels and
//! the zipped CSV inside. Reads the central directory, so data-descriptor entries work too.

use anyhow::{bail, ensure, Context, Result};

const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
const CENTRAL_DIRECTORY_ENTRY: u32 = 0x0201_4b50;
const LOCAL_FILE_HEADER: u32 = 0x0403_4b50;

fn u16_at(bytes: &[u8], offset: usize) -> Result<u16> {
	let slice = bytes.get(offset..offset + 2).context("ZIP archive truncated")?;
	Ok(u16::from_le_bytes([slice[0], slice[1]]))
}

fn u32_at(bytes: &[u8], offset: usize) -> Result<u32> {
	let slice = bytes.get(offset..offset + 4).context("ZIP archive truncated")?;
	Ok(u32::from_le_bytes([slice[0], slice[1], slice[2], slice[3]]))
}

/// One entry of the central directory.
#[derive(Debug, Clone)]
pub struct Entry {
	/// Path inside the archive.
	pub name: String,
	method: u16,
	compressed_size: usize,
	uncompressed_size: usize,
	local_header_offset: usize,
}

/// Lists the entries of the ZIP archive in `bytes`.
///
/// # Errors
/// If `bytes` is not a (complete) ZIP archive.
pub fn entries(bytes: &[u8]) -> Result<Vec<Entry>> {
	ensure!(bytes.len() >= 22, "not a ZIP archive: {} bytes", bytes.len());
	let search_start = bytes.len().saturating_sub(22 + 65_535);
	let end = (search_start..=bytes.len() - 22)
		.rev()
		.find(|&i| u32_at(bytes, i).ok() == Some(END_OF_CENTRAL_DIRECTORY))
		.context("not a ZIP archive: no end-of-central-directory record")?;
	let count = usize::from(u16_at(bytes, end + 10)?);
	let mut offset = u32_at(bytes, end + 16)? as usize;
	let mut entries = Vec::with_capacity(count);
	for _ in 0..count {
		ensure!(
			u32_at(bytes, offset)? == CENTRAL_DIRECTORY_ENTRY,
			"corrupt ZIP central directory at byte {offset}"
		);
		let name_len = usize::from(u16_at(bytes, offset + 28)?);
		let extra_len = usize::from(u16_at(bytes, offset + 30)?);
		let comment_len = usize::from(u16_at(bytes, offset + 32)?);
		let name = bytes
			.get(offset + 46..offset + 46 + name_len)
			.context("ZIP archive truncated")?;
		let mut entry = Entry {
			name: String::from_utf8_lossy(name).into_owned(),
			method: u16_at(bytes, offset + 10)?,
			compressed_size: u32_at(bytes, offset + 20)? as usize,
			uncompressed_size: u32_at(bytes, offset + 24)? as usize,
			local_header_offset: u32_at(bytes, offset + 42)? as usize,
		};
		apply_zip64_extra(bytes, offset + 46 + name_len, extra_len, &mut entry)?;
		entries.push(entry);
		offset += 46 + name_len + extra_len + comment_len;
	}
	Ok(entries)
}

/// Replaces `0xFFFFFFFF` sizes/offset with the 64-bit values of the ZIP64 extra field
/// (header id 1), which lists them in the order uncompressed, compressed, offset.
fn apply_zip64_extra(bytes: &[u8], start: usize, len: usize, entry: &mut Entry) -> Result<()> {
	const MARKER: usize = 0xFFFF_FFFF;
	let mut offset = start;
	while offset + 4 <= start + len {
		let id = u16_at(bytes, offset)?;
		let size = usize::from(u16_at(bytes, offset + 2)?);
		if id == 1 {
			let mut field = offset + 4;
			let mut next = || -> Result<usize> {
				let low = u64::from(u32_at(bytes, field)?);
				let high = u64::from(u32_at(bytes, field + 4)?);
				field += 8;
				usize::try_from(low | (high << 32)).context("ZIP64 value too large")
			};
			for value in [
				&mut entry.uncompressed_size,
				&mut entry.compressed_size,
				&mut entry.local_header_offset,
			] {
				if *value == MARKER {
					*value = next()?;
				}
			}
		}
		offset += 4 + size;
	}
	Ok(())
}

/// Extracts the entry called `name` from the ZIP archive in `bytes`.
///
/// # Errors
/// If the entry is missing, truncated, corrupt or uses another compression method.
pub fn extract(bytes: &[u8], name: &str) -> Result<Vec<u8>> {
	let entry = entries(bytes)?
		.into_iter()
		.find(|entry| entry.name == name)
		.with_context(|| format!("`{name}` not found in the ZIP archive"))?;
	let header = entry.local_header_offset;
	ensure!(u32_at(bytes, header)? == LOCAL_FILE_HEADER, "corrupt ZIP local header for `{name}`");
	let data_start = header +
		30 + usize::from(u16_at(bytes, header + 26)?) +
		usize::from(u16_at(bytes, header + 28)?);
	let data = bytes
		.get(data_start..data_start + entry.compressed_size)
		.with_context(|| format!("ZIP entry `{name}` truncated"))?;
	let content = match entry.method {
		0 => data.to_vec(),
		8 => miniz_oxide::inflate::decompress_to_vec(data)
			.map_err(|error| anyhow::anyhow!("corrupt deflate data in `{name}`: {error:?}"))?,
		method => bail!("unsupported ZIP compression method {method} for `{name}`"),
	};
	ensure!(
		content.len() == entry.uncompressed_size,
		"ZIP entry `{name}` has {} bytes, expected {}",
		content.len(),
		entry.uncompressed_size
	);
	Ok(content)
}

#[cfg(test)]
mod tests {
	use super::*;

	/// A one-entry archive (`name`, method 0 or 8) built by hand.
	fn archive(name: &str, content: &[u8], method: u16) -> Vec<u8> {
		let data = if method == 8 {
			miniz_oxide::deflate::compress_to_vec(content, 6)
		} else {
			content.to_vec()
		};
		let sizes = |out: &mut Vec<u8>| {
			out.extend_from_slice(&0u32.to_le_bytes()); // crc (not checked)
			out.extend_from_slice(&(data.len() as u32).to_le_bytes());
			out.extend_from_slice(&(content.len() as u32).to_le_bytes());
		};
		let mut out = LOCAL_FILE_HEADER.to_le_bytes().to_vec();
		out.extend_from_slice(&[20, 0, 0, 0]);
		out.extend_from_slice(&method.to_le_bytes());
		out.extend_from_slice(&[0; 4]);
		sizes(&mut out);
		out.extend_from_slice(&(name.len() as u16).to_le_bytes());
		out.extend_from_slice(&[0, 0]);
		out.extend_from_slice(name.as_bytes());
		out.extend_from_slice(&data);
		let central = out.len();
		out.extend_from_slice(&CENTRAL_DIRECTORY_ENTRY.to_le_bytes());
		out.extend_from_slice(&[20, 0, 20, 0, 0, 0]);
		out.extend_from_slice(&method.to_le_bytes());
		out.extend_from_slice(&[0; 4]);
		sizes(&mut out);
		out.extend_from_slice(&(name.len() as u16).to_le_bytes());
		out.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
		out.extend_from_slice(&0u32.to_le_bytes()); // local header offset
		out.extend_from_slice(name.as_bytes());
		let central_len = out.len() - central;
		out.extend_from_slice(&END_OF_CENTRAL_DIRECTORY.to_le_bytes());
		out.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
		out.extend_from_slice(&(central_len as u32).to_le_bytes());
		out.extend_from_slice(&(central as u32).to_le_bytes());
		out.extend_from_slice(&[0, 0]);
		out
	}

	#[test]
	fn extracts_stored_and_deflated_entries() {
		let content = b"user,item,timestamp\nu1,i1,1\n".repeat(20);
		for method in [0, 8] {
			let zip = archive("a/data.csv", &content, method);
			assert_eq!(entries(&zip).unwrap()[0].name, "a/data.csv");
			assert_eq!(extract(&zip, "a/data.csv").unwrap(), content);
			assert!(extract(&zip, "missing.csv").is_err());
		}
		assert!(entries(b"not a zip file at all, just some text").is_err());
		let truncated = archive("x", &content, 8);
		assert!(extract(&truncated[..40], "x").is_err());
	}
}
