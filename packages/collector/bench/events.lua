-- wrk script for the ingest benchmark: every request carries new events (new order ids, new
-- sessions) in a realistic mix, so the collector really writes each one.
-- wrk -s events.lua URL -- PATH BATCH_SIZE KEY
local threads = {}
local path, size, key
-- `id` is a global set per thread by setup().
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  path, size, key = args[1], tonumber(args[2]), args[3]
  math.randomseed(id * 7919)
end

local fmt = string.format

local function event(n)
  local r = n % 100
  local item = fmt('{"item_id":"sku_%d","item_name":"Product %d","price":%.2f,"quantity":%d}', n % 400, n % 400, 19.99 + n % 7, 1 + n % 3)
  local base = fmt('"anonymous_id":"anon-%d-%d","session_id":"sess-%d-%d","context":{"page_path":"/p/%d","utm_source":"%s","utm_medium":"cpc","utm_campaign":"c%d"}',
    id, n % 5000, id, math.floor(n / 20), n % 400, (n % 4 == 0) and "newsletter" or "google", n % 9)
  if r < 3 then
    local item2 = fmt('{"item_id":"sku_%d","price":9.5,"quantity":1}', (n + 1) % 400)
    return fmt('{"event_type":"purchase","transaction_id":"order-%d-%d","revenue":64.97,"currency":"%s","items":[%s,%s],%s}', id, n, (n % 2 == 0) and "USD" or "EUR", item, item2, base)
  elseif r < 50 then
    return fmt('{"event_type":"view_item","items":[%s],%s}', item, base)
  elseif r < 70 then
    return fmt('{"event_type":"add_to_cart","cart_id":"cart-%d-%d","items":[%s],%s}', id, math.floor(n / 20), item, base)
  elseif r < 80 then
    return fmt('{"event_type":"view_cart",%s}', base)
  elseif r < 88 then
    return fmt('{"event_type":"begin_checkout",%s}', base)
  elseif r < 95 then
    return fmt('{"event_type":"search","properties":{"search_term":"shoes"},%s}', base)
  end
  return fmt('{"event_type":"remove_from_cart","items":[%s],%s}', item, base)
end

local headers = {}

function request()
  headers["Content-Type"] = "text/plain;charset=UTF-8"
  headers["Authorization"] = "Bearer " .. key
  local body
  if size == 0 then
    counter = counter + 1
    body = event(counter)
  else
    local parts = {}
    for i = 1, size do
      counter = counter + 1
      parts[i] = event(counter)
    end
    body = '{"events":[' .. table.concat(parts, ",") .. "]}"
  end
  return wrk.format("POST", path, headers, body)
end

function response(status)
  if status ~= 200 then
    error("answer " .. status)
  end
end
